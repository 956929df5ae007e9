/** Argument wiring for `nianbao`: parses argv into a command and options, nothing else. */

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

export type Args = CheckArgs | { command: 'help' } | { command: 'version' };

const FORMATS = ['auto', '2019', '2021'];

export function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return { command: 'help' };
  if (command === '-v' || command === '--version') return { command: 'version' };
  if (command !== 'check') throw new UsageError(`未知命令：${command}`);

  const args: CheckArgs = { command: 'check', files: [], format: 'auto', json: false, lang: 'zh-CN', all: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${name} 需要一个值`);
      return v;
    };
    switch (name) {
      case '--format': {
        const v = value();
        if (!FORMATS.includes(v)) throw new UsageError(`--format 只能是 auto、2019 或 2021，而不是 ${v}`);
        args.format = v;
        break;
      }
      case '--year': {
        const v = value();
        if (!/^\d{4}$/.test(v) || Number(v) < 2008 || Number(v) > 2100) throw new UsageError(`--year 应为四位年份，如 2024，而不是 ${v}`);
        args.year = Number(v);
        break;
      }
      case '--last-year':
        args.lastYear = value();
        break;
      case '--json':
        args.json = true;
        break;
      case '--all':
        args.all = true;
        break;
      case '--lang': {
        const v = value();
        if (v !== 'zh-CN' && v !== 'en') throw new UsageError(`--lang 只能是 zh-CN 或 en，而不是 ${v}`);
        args.lang = v;
        break;
      }
      case '-h':
      case '--help':
        return { command: 'help' };
      default:
        if (name.startsWith('-') && name !== '-') throw new UsageError(`未知选项：${name}`);
        args.files.push(arg);
    }
  }
  if (args.files.length === 0) throw new UsageError('请指定要检查的文件，例如：nianbao check 报告.xlsx');
  return args;
}

export const HELP = `nianbao — 政府信息公开工作年度报告表格检查工具

用法：
  nianbao check [选项] 文件...

检查一个或多个年度报告中的三张表（主动公开、收到和处理申请、行政复议和行政诉讼）。
支持 .xlsx、.html/.htm、.txt（网页、Word 或 PDF 复制的文字，UTF-8/UTF-16/GBK 均可）和 .json（单元格编号到数值）。

选项：
  --format auto|2019|2021  表格格式，默认 auto（按表格自动判断）
  --year YYYY              报告年度（默认从报告标题中读取）
  --last-year 文件         上一年度报告，用于跨年度核对（上年结转、现行有效件数等）
  --json                   以 JSON 输出全部结果
  --lang zh-CN|en          提示语言，默认 zh-CN
  --all                    列出全部同类提示（默认每类超过 5 条时合并显示）
  -h, --help               显示本说明

退出码：0 没有错误；1 有文件存在错误；2 文件无法读取、没有找到任何一张表，或参数有误。
`;
