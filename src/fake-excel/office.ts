/** The parts of the `Office` namespace an Excel add-in touches at start-up. */
import type { FakeExcelHost } from './host';

export interface FakeOfficeOptions {
  displayLanguage: string;
  platform: string;
}

export interface FakeOffice {
  HostType: Record<string, string>;
  PlatformType: Record<string, string>;
  context: {
    displayLanguage: string;
    contentLanguage: string;
    host: string;
    platform: string;
    requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
    diagnostics: { host: string; platform: string; version: string };
  };
  onReady(callback?: (info: { host: string; platform: string }) => unknown): Promise<{ host: string; platform: string }>;
}

export function createOffice(host: FakeExcelHost, options: FakeOfficeOptions): FakeOffice {
  const info = { host: 'Excel', platform: options.platform };
  return {
    HostType: {
      Word: 'Word',
      Excel: 'Excel',
      PowerPoint: 'PowerPoint',
      Outlook: 'Outlook',
      OneNote: 'OneNote',
      Project: 'Project',
      Access: 'Access',
    },
    PlatformType: {
      PC: 'PC',
      OfficeOnline: 'OfficeOnline',
      Mac: 'Mac',
      iOS: 'iOS',
      Android: 'Android',
      Universal: 'Universal',
    },
    context: {
      displayLanguage: options.displayLanguage,
      contentLanguage: options.displayLanguage,
      host: 'Excel',
      platform: options.platform,
      requirements: {
        // A number is read the way Office.js reads it: 1.10 becomes "1.1" (pass strings).
        isSetSupported: (name: string, minVersion?: string | number) => host.supports(name, minVersion),
      },
      diagnostics: { host: 'Excel', platform: options.platform, version: '16.0.0.0' },
    },
    /** Resolves (and calls back) on a later microtask, as Office does once it has loaded. */
    onReady(callback) {
      return Promise.resolve().then(() => {
        callback?.({ ...info });
        return { ...info };
      });
    },
  };
}
