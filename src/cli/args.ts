/** Argument wiring for `nianbao`: parses argv into a command and options, nothing else. */

import { EXPORT_TARGETS, isExportTarget, type ExportTarget } from '../core/export';

export class UsageError extends Error {}

export interface CheckArgs {
  command: 'check';
  files: string[];
  format: 'auto' | string;
  year?: number;
  lastYear?: string;
  json: boolean;
  lang: 'zh-CN' | 'en';
  all: boolean;
}

export interface NarrateArgs {
  command: 'narrate';
  file: string;
  format: 'auto' | string;
  year?: number;
  lastYear?: string;
  /** The issuing body named in the text (default: from the report's title, else 本机关). */
  body?: string;
  json: boolean;
  lang: 'zh-CN' | 'en';
  /** Generate from tables with errors, marked as a draft. */
  draft: boolean;
  /** Zero outcome categories and items: left out (default) or stated as 0件. */
  zero: 'omit' | 'state';
  /** The 信息处理费 collected in 元, as the user confirms it (`0`: none). */
  fee?: string;
}

export interface ExportArgs {
  command: 'export';
  file: string;
  format: 'auto' | string;
  year?: number;
  lastYear?: string;
  lang: 'zh-CN' | 'en';
  to: ExportTarget;
  /** Output file; text formats go to stdout without it. */
  out?: string;
  /** Why the report is exported although errors remain. */
  reason?: string;
  /** Why the warnings are accepted. */
  acceptWarnings?: string;
  body?: string;
}

export type Args = CheckArgs | NarrateArgs | ExportArgs | { command: 'help' } | { command: 'version' };

const FORMATS = ['auto', '2019', '2021'];

/** Options every command takes; `false` when `name` is none of them. */
function commonOption(args: CheckArgs | NarrateArgs | ExportArgs, name: string, value: () => string): boolean {
  switch (name) {
    case '--format': {
      const v = value();
      if (!FORMATS.includes(v)) throw new UsageError(`--format 只能是 auto、2019 或 2021，而不是 ${v}`);
      args.format = v;
      return true;
    }
    case '--year': {
      const v = value();
      if (!/^\d{4}$/.test(v) || Number(v) < 2008 || Number(v) > 2100) throw new UsageError(`--year 应为四位年份，如 2024，而不是 ${v}`);
      args.year = Number(v);
      return true;
    }
    case '--last-year':
      args.lastYear = value();
      return true;
    case '--json':
      // export writes its formats by --to; --json there would be ambiguous.
      if (args.command === 'export') return false;
      args.json = true;
      return true;
    case '--lang': {
      const v = value();
      if (v !== 'zh-CN' && v !== 'en') throw new UsageError(`--lang 只能是 zh-CN 或 en，而不是 ${v}`);
      args.lang = v;
      return true;
    }
    default:
      return false;
  }
}

function bodyOption(args: NarrateArgs | ExportArgs, name: string, value: () => string): boolean {
  if (name !== '--body') return false;
  const v = value().trim();
  if (v === '') throw new UsageError('--body 需要机关名称，如 --body 某某市人民政府');
  args.body = v;
  return true;
}

/** Options specific to `export`; `false` when `name` is none of them. */
function exportOption(args: ExportArgs, name: string, value: () => string): boolean {
  switch (name) {
    case '--to': {
      const v = value();
      if (!isExportTarget(v)) throw new UsageError(`--to 只能是 ${EXPORT_TARGETS.join('、')}，而不是 ${v}`);
      args.to = v;
      return true;
    }
    case '-o':
    case '--out':
      args.out = value();
      return true;
    case '--reason': {
      const v = value().trim();
      if (v === '') throw new UsageError('--reason 需要写明理由');
      args.reason = v;
      return true;
    }
    case '--accept-warnings': {
      const v = value().trim();
      if (v === '') throw new UsageError('--accept-warnings 需要写明理由');
      args.acceptWarnings = v;
      return true;
    }
    default:
      return bodyOption(args, name, value);
  }
}

/** Options specific to `narrate`; `false` when `name` is none of them. */
function narrateOption(args: NarrateArgs, name: string, value: () => string): boolean {
  switch (name) {
    case '--body':
      return bodyOption(args, name, value);
    case '--draft':
      args.draft = true;
      return true;
    case '--zero': {
      const v = value();
      if (v !== 'omit' && v !== 'state') throw new UsageError(`--zero 只能是 omit（略去为 0 的项目）或 state（写明 0 件），而不是 ${v}`);
      args.zero = v;
      return true;
    }
    case '--fee': {
      const v = value();
      if (!/^\d+(?:\.\d+)?$/.test(v)) throw new UsageError(`--fee 应为本年收取的信息处理费金额（元），未收取写 0，而不是 ${v}`);
      args.fee = v;
      return true;
    }
    default:
      return false;
  }
}

export function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return { command: 'help' };
  if (command === '-v' || command === '--version') return { command: 'version' };
  if (command !== 'check' && command !== 'narrate' && command !== 'export') throw new UsageError(`未知命令：${command}`);

  const args: CheckArgs | NarrateArgs | ExportArgs =
    command === 'check'
      ? { command: 'check', files: [], format: 'auto', json: false, lang: 'zh-CN', all: false }
      : command === 'narrate'
        ? { command: 'narrate', file: '', format: 'auto', json: false, lang: 'zh-CN', draft: false, zero: 'omit' }
        : { command: 'export', file: '', format: 'auto', lang: 'zh-CN', to: 'html' };
  let toGiven = false;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${name} 需要一个值`);
      return v;
    };
    if (name === '-h' || name === '--help') return { command: 'help' };
    if (commonOption(args, name, value)) continue;
    if (args.command === 'check' && name === '--all') {
      args.all = true;
      continue;
    }
    if (args.command === 'narrate' && narrateOption(args, name, value)) continue;
    if (args.command === 'export' && exportOption(args, name, value)) {
      toGiven ||= name === '--to';
      continue;
    }
    if (name.startsWith('-') && name !== '-') throw new UsageError(`未知选项：${name}`);
    files.push(arg);
  }
  if (args.command === 'check') {
    if (files.length === 0) throw new UsageError('请指定要检查的文件，例如：nianbao check 报告.xlsx');
    args.files = files;
    return args;
  }
  if (args.command === 'export' && !toGiven) throw new UsageError(`请用 --to 指定导出格式（${EXPORT_TARGETS.join('、')}），例如：nianbao export --to html 报告.xlsx`);
  if (files.length === 0) throw new UsageError(`请指定一个年度报告文件，例如：nianbao ${args.command} 报告.xlsx`);
  if (files.length > 1) throw new UsageError(`nianbao ${args.command} 一次处理一个文件，而不是 ${files.length} 个`);
  args.file = files[0];
  return args;
}

export const HELP = `nianbao — 政府信息公开工作年度报告表格检查与文字生成工具

用法：
  nianbao check [选项] 文件...
  nianbao narrate [选项] 文件
  nianbao export --to html|xlsx|csv|json|docx [选项] 文件

nianbao check：检查一个或多个年度报告中的三张表（主动公开、收到和处理申请、行政复议和行政诉讼）。
支持 .xlsx、.docx、.pdf（须有文字层）、.html/.htm、.txt（网页、Word 或 PDF 复制的文字，UTF-8/UTF-16/GBK 均可）
和 .json（单元格编号到数值）；.doc、.wps、.odt、.xls、.et、.ods 在装有 LibreOffice 时自动转换后读取。

选项：
  --format auto|2019|2021  表格格式，默认 auto（按表格自动判断）
  --year YYYY              报告年度（默认从报告标题中读取）
  --last-year 文件         上一年度报告，用于跨年度核对（上年结转、现行有效件数等）
  --json                   以 JSON 输出全部结果
  --lang zh-CN|en          提示语言，默认 zh-CN
  --all                    列出全部同类提示（默认每类超过 5 条时合并显示）
  -h, --help               显示本说明

退出码：0 没有错误；1 有文件存在错误；2 文件无法读取、没有找到任何一张表，或参数有误。

nianbao narrate：根据表格生成年度报告中复述数字的段落——一、总体情况的（一）主动公开和（二）依申请公开，
三、四，以及 2021 年格式的六（信息处理费）。文中每个数字都取自表格；表格有错误时不生成（退出码 1），
除非加 --draft，此时每段注明“草稿”。生成的文字总是中文。

  --body 机关名称          文中的主语（默认从报告标题读取，读不到时用“本机关”）
  --year YYYY              报告年度（默认从报告标题中读取）
  --format auto|2019|2021  表格格式，默认 auto
  --last-year 文件         上一年度报告，用于“较上年增长/下降”
  --zero omit|state        为 0 的办理结果等项目：omit 略去（默认），state 写明“0件”
  --fee 金额               本年收取的信息处理费（元），未收取写 0；不加时第六部分留待填写
  --draft                  表格有错误时仍生成草稿
  --json                   输出 {"sections":{"一.主动公开":…,"一.依申请公开":…,"三":…,"四":…,"六":…},"draft":…}
  --lang zh-CN|en          提示语言，默认 zh-CN

退出码同 check：0 已生成；1 表格有错误而未生成；2 文件无法读取、没有找到表格、年度不明，或参数有误。

nianbao export：把检查过的报告导出为门户网站用的 HTML、.xlsx（含“校验结果”工作表）、CSV（UTF-8，
每个单元格一行）、JSON 或 .docx（六个部分和三张表，可直接签发）。表格仍有错误时拒绝导出（退出码 1），
除非用 --reason 写明理由，理由写入导出文件。

  --to 格式                html、xlsx、csv、json 或 docx（必填）
  -o, --out 文件           输出文件；html、csv、json 不指定时输出到屏幕，xlsx、docx 默认写入当前文件夹
  --reason 理由            表格仍有错误时导出的理由（写入“校验结果”和 JSON）
  --accept-warnings 理由   接受警告的理由
  --body 机关名称          报告单位（默认从报告标题读取）
  --year YYYY、--format、--last-year、--lang   同 check
`;
