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
  /** Worker threads (default: the number of cores). */
  jobs?: number;
  /** Seconds one file may take before it is stopped and reported unreadable. */
  timeout: number;
  /** No progress bar. */
  quiet: boolean;
  /** The supervisor's summary: a .xlsx or .csv file to write. */
  summary?: string;
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

export interface TemplateArgs {
  command: 'template';
  /** `auto`: the format the year prescribes. */
  format: 'auto' | string;
  year?: number;
  /** Last year's report, to prefill what carries over. */
  lastYear?: string;
  body?: string;
  out?: string;
  lang: 'zh-CN' | 'en';
}

export type Args = CheckArgs | NarrateArgs | ExportArgs | TemplateArgs | { command: 'help' } | { command: 'version' };

const FORMATS = ['auto', '2019', '2021'];
/** A report reads and checks in well under a second; a minute means something is wrong with the file. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** Options every command takes; `false` when `name` is none of them. */
function commonOption(args: CheckArgs | NarrateArgs | ExportArgs | TemplateArgs, name: string, value: () => string): boolean {
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
      // export writes its formats by --to; --json there would be ambiguous. template writes a workbook.
      if (args.command === 'export' || args.command === 'template') return false;
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

function bodyOption(args: NarrateArgs | ExportArgs | TemplateArgs, name: string, value: () => string): boolean {
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

/** Options specific to `check`; `false` when `name` is none of them. */
function checkOption(args: CheckArgs, name: string, value: () => string): boolean {
  switch (name) {
    case '--all':
      args.all = true;
      return true;
    case '--quiet':
      args.quiet = true;
      return true;
    case '--jobs': {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 256) throw new UsageError(`--jobs 应为 1 至 256 之间的整数，而不是 ${v}`);
      args.jobs = Number(v);
      return true;
    }
    case '--timeout': {
      const v = value();
      if (!/^\d+(?:\.\d+)?$/.test(v) || Number(v) <= 0) throw new UsageError(`--timeout 应为每个文件允许的秒数，如 60，而不是 ${v}`);
      args.timeout = Number(v);
      return true;
    }
    case '--summary': {
      const v = value();
      if (!/\.(xlsx|csv)$/i.test(v)) throw new UsageError(`--summary 应为 .xlsx 或 .csv 文件，而不是 ${v}`);
      args.summary = v;
      return true;
    }
    default:
      return false;
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

/** Options specific to `template`; `false` when `name` is none of them. */
function templateOption(args: TemplateArgs, name: string, value: () => string): boolean {
  if (name !== '-o' && name !== '--out') return bodyOption(args, name, value);
  const v = value();
  if (!/\.xlsx$/i.test(v)) throw new UsageError(`-o 应为 .xlsx 文件名，如 -o 2024年报表格.xlsx，而不是 ${v}`);
  args.out = v;
  return true;
}

export function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return { command: 'help' };
  if (command === '-v' || command === '--version') return { command: 'version' };
  if (command !== 'check' && command !== 'narrate' && command !== 'export' && command !== 'template') throw new UsageError(`未知命令：${command}`);

  const initial = {
    check: (): CheckArgs => ({ command: 'check', files: [], format: 'auto', json: false, lang: 'zh-CN', all: false, timeout: DEFAULT_TIMEOUT_SECONDS, quiet: false }),
    narrate: (): NarrateArgs => ({ command: 'narrate', file: '', format: 'auto', json: false, lang: 'zh-CN', draft: false, zero: 'omit' }),
    export: (): ExportArgs => ({ command: 'export', file: '', format: 'auto', lang: 'zh-CN', to: 'html' }),
    template: (): TemplateArgs => ({ command: 'template', format: 'auto', lang: 'zh-CN' }),
  };
  const args: CheckArgs | NarrateArgs | ExportArgs | TemplateArgs = initial[command]();
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
    if (args.command === 'check' && checkOption(args, name, value)) continue;
    if (args.command === 'narrate' && narrateOption(args, name, value)) continue;
    if (args.command === 'template' && templateOption(args, name, value)) continue;
    if (args.command === 'export' && exportOption(args, name, value)) {
      toGiven ||= name === '--to';
      continue;
    }
    if (name.startsWith('-') && name !== '-') throw new UsageError(`未知选项：${name}`);
    files.push(arg);
  }
  if (args.command === 'template') {
    // template takes options only: no input file.
    if (files.length > 0) throw new UsageError(`nianbao template 不读取报告文件（${files[0]}）；上年报告请用 --last-year 指定`);
    if (args.year === undefined) throw new UsageError('请用 --year 指定报告年度，例如：nianbao template --year 2024 -o 2024年报表格.xlsx');
    if (args.out === undefined) throw new UsageError('请用 -o 指定要生成的 .xlsx 文件，例如：nianbao template --year 2024 -o 2024年报表格.xlsx');
    return args;
  }
  if (args.command === 'check') {
    if (files.length === 0) throw new UsageError('请指定要检查的文件或文件夹，例如：nianbao check 报告.xlsx 或 nianbao check 2024年报/');
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
  nianbao check [选项] 文件...（文件或文件夹）
  nianbao narrate [选项] 文件
  nianbao export --to html|xlsx|csv|json|docx [选项] 文件
  nianbao template --year YYYY [选项] -o 文件.xlsx

nianbao check：检查一个或多个年度报告中的三张表（主动公开、收到和处理申请、行政复议和行政诉讼）。
支持 .xlsx、.docx、.pdf（须有文字层）、.html/.htm、.txt（网页、Word 或 PDF 复制的文字，UTF-8/UTF-16/GBK 均可）
和 .json（单元格编号到数值）；.doc、.wps、.odt、.xls、.et、.ods 在装有 LibreOffice 时自动转换后读取。
文件夹逐级查找其中的报告文件，按路径顺序检查（不跟随符号链接，跳过隐藏文件和其他类型的文件）。
同一次检查的文件中，同一单位上一年度的报告自动配对，进行跨年度核对（上年结转、现行有效件数等）
和内容雷同检查。

选项：
  --format auto|2019|2021  表格格式，默认 auto（按表格自动判断）
  --year YYYY              报告年度（默认从报告标题中读取）
  --last-year 文件         上一年度报告，用于跨年度核对（指定后不再自动配对）
  --json                   以 JSON 输出全部结果
  --summary 文件.xlsx|.csv 另写一份汇总表：每个文件一行（文件、报告单位、年度、格式、结论、错误、警告、
                           主要问题、上年报告）
  --jobs N                 同时检查的线程数，默认为处理器核数
  --timeout 秒             每个文件读取和检查的时限，默认 ${DEFAULT_TIMEOUT_SECONDS}；超时的文件记为无法检查
  --quiet                  不显示进度条（进度条只在终端中显示）
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

nianbao template：生成与加载项插入的相同的自检表格（.xlsx）：规定格式的三张表、合计公式、表格右侧的校验栏、
红色/黄色提示（条件格式）、数据有效性、单元格名称和打印区域。WPS 表格、LibreOffice 中打开即可自动校验，
也可下发各单位填报；填好后可用 nianbao check 检查。

  --year YYYY              报告年度（必填）
  --format auto|2019|2021  表格格式，默认按年度（2020 年度及以前 2019 年格式，2021 年度起 2021 年格式）
  --body 机关名称          写入标题的报告单位
  --last-year 文件         上一年度报告：预填“二、上年结转政府信息公开申请数量”（取自上年“四、结转下年度继续办理”），
                           2019 年格式还预填“上一年项目数量”（上年的上一年项目数量加本年增/减）；未能结转的逐项说明
  -o, --out 文件.xlsx      要生成的文件（必填）
  --lang zh-CN|en          提示语言，默认 zh-CN

退出码：0 已生成；2 参数有误、格式与年度不符、上年报告无法读取或不是上一年度，或无法写入。
`;
