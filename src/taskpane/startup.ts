/**
 * When the pane cannot start at all: office.js did not load (the pane fetches it from Microsoft's
 * CDN, which many government networks block), or Office never said it was ready. The pane then
 * says so in place of its controls, with the cause and what to ask the IT department for.
 */

/** How long Office may take to become ready before the pane gives up and says so. */
export const OFFICE_READY_TIMEOUT_MS = 20_000;

export type StartupFailure = 'officeJsMissing' | 'notReady';

export interface StartupMessage {
  title: string;
  cause: string;
  remedy: string;
}

export const STARTUP_MESSAGES: Record<StartupFailure, StartupMessage> = {
  officeJsMissing: {
    title: '年报助手无法启动：未能加载 Office 组件（office.js）。',
    cause: '原因：任务窗格需要从微软服务器 appsforoffice.microsoft.com 加载 office.js，本机未能访问该地址，通常是单位网络或防火墙拦截了该地址。',
    remedy:
      '处理办法：请联系本单位信息技术部门，任选其一：（一）放行对 https://appsforoffice.microsoft.com 的访问；（二）部署内网版本的年报助手，即构建时设置 OFFICE_JS=local，使 office.js 随加载项部署在本单位服务器上（见 README“为单位部署”）。',
  },
  notReady: {
    title: `年报助手无法启动：Office 在 ${OFFICE_READY_TIMEOUT_MS / 1000} 秒内没有就绪。`,
    cause: '原因：office.js 已加载，但 Excel 没有回应。可能是在 Excel 以外打开了此页面，或 Excel 的加载项运行环境出现故障。',
    remedy: '处理办法：请关闭任务窗格，从“开始 → 年报助手”重新打开；仍无法启动时，请重启 Excel。问题持续时，请联系信息技术部门核对 Excel 版本（需 Office 2021 或 Microsoft 365）和加载项的部署。',
  },
};

/** Replaces the pane's controls with the message (title, cause, remedy), as an alert. */
export function showStartupFailure(doc: Document, failure: StartupFailure): void {
  const message = STARTUP_MESSAGES[failure];
  const box = doc.createElement('section');
  box.className = 'startup-failure status status-error';
  box.setAttribute('role', 'alert');
  for (const [text, className] of [
    [message.title, 'startup-title'],
    [message.cause, 'startup-line'],
    [message.remedy, 'startup-line'],
  ] as const) {
    const line = doc.createElement('p');
    line.className = className;
    line.textContent = text;
    box.append(line);
  }
  const main = doc.querySelector('main');
  for (const section of main ? Array.from(main.querySelectorAll('section')) : []) {
    if (section.hidden) continue;
    section.hidden = true;
    section.dataset.startupHidden = '';
  }
  const header = main?.querySelector('header');
  if (header) header.after(box);
  else doc.body.prepend(box);
}

/** Office became ready after all (a slow cold start): the message goes and the controls it hid come back. */
export function clearStartupFailure(doc: Document): void {
  for (const box of Array.from(doc.querySelectorAll('.startup-failure'))) box.remove();
  for (const section of Array.from(doc.querySelectorAll<HTMLElement>('[data-startup-hidden]'))) {
    section.hidden = false;
    delete section.dataset.startupHidden;
  }
}
