// @ts-check
/**
 * Builds the add-in into dist/addin/ (dist/ itself holds the CLI that tsc writes):
 *   taskpane.html/.js/.css  the task pane Excel loads (office.js stays a <script> from Microsoft's CDN,
 *                           or with OFFICE_JS=local from office-js/ beside it: see OFFICE_JS below)
 *   preview.html/.js/.css   the pane beside an in-browser fake workbook, for people and tests without Excel
 *                           (its <main> is taskpane.html's, injected here at build time)
 *   fake-office.js          the in-memory Excel fake as the globals Excel/Office (window.__nianbaoFake):
 *                           loaded by preview.html first; browser tests serve it in place of office.js
 *   pdfjs.js, file.js       chunks the pane loads on first use of 「检查文件」 (with pdf.worker.min.mjs)
 *   pdfjs/cmaps/, pdfjs/standard_fonts/  pdf.js's data files, fetched only as a PDF's fonts need them
 *   assets/                 icons and the help page the manifest points at
 *   manifest.xml            with https://localhost:3000 rewritten to $ADDIN_URL when that is set
 *
 *   npm run build:addin                                        production build for localhost:3000
 *   ADDIN_URL=https://addin.example.gov.cn npm run build:addin  production build for that server
 *   OFFICE_JS=local npm run build:addin                        office.js served by the add-in's own server
 *   npx webpack --mode development                             readable output with source maps
 *
 * No eval in any mode: devtool is `false` or `source-map`, never an eval-* variant.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const MiniCssExtractPlugin = require('mini-css-extract-plugin');
const { DEV_URL, normaliseAddinUrl, rewriteManifestUrls } = require('./scripts/manifest-url');
const { neutralise } = require('./scripts/no-string-code-loader');

/** The pages: entry script, HTML template and the scripts (in order) of each. */
const PAGES = {
  taskpane: { entry: './src/taskpane/index.ts', template: './src/taskpane/taskpane.html', chunks: ['taskpane'] },
  preview: { entry: './src/preview/index.ts', template: './src/preview/preview.html', chunks: ['fake-office', 'preview'] },
};
/** Scripts without a page of their own. */
const SCRIPTS = {
  'fake-office': './src/preview/fake-office.ts',
};

/**
 * Where the task pane loads office.js from, and what its Content-Security-Policy allows for it.
 * `cdn` (default): Microsoft's CDN, the source Microsoft supports. `local`: the pinned npm copy
 * (@microsoft/office-js) copied to office-js/, for networks that cannot reach the CDN; then the
 * page names no other host at all.
 */
const OFFICE_JS = {
  cdn: { src: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js', remote: ' https://appsforoffice.microsoft.com' },
  local: { src: 'office-js/office.js', remote: '' },
};
/** What of @microsoft/office-js/dist an Excel add-in needs: not the other hosts' scripts, debug builds or typings. */
const OFFICE_JS_UNUSED = ['**/*.debug.js', '**/*vsdoc*.js', '**/*.d.ts', '**/{access,onenote,outlook,powerpoint,project,word,visio,custom-functions}*'];

/** `OFFICE_JS` from the environment: unset or `cdn`, or `local`. */
function officeJsMode() {
  const value = process.env.OFFICE_JS || 'cdn';
  if (value !== 'cdn' && value !== 'local') throw new Error(`webpack: OFFICE_JS must be "local" (office.js served with the add-in) or "cdn" (the default), not "${value}"`);
  return value;
}

/** The task pane's markup, for the preview page: taskpane.html's <main> element, verbatim. */
function taskpaneMain() {
  const html = fs.readFileSync(path.resolve(__dirname, PAGES.taskpane.template), 'utf8');
  const main = /<main\b[\s\S]*<\/main>/.exec(html);
  if (!main) throw new Error('webpack: src/taskpane/taskpane.html has no <main> for the preview page');
  return main[0];
}

/**
 * @param {Record<string, unknown>} _env
 * @param {{ mode?: 'production' | 'development' | 'none' }} argv
 * @returns {import('webpack').Configuration}
 */
module.exports = (_env, argv) => {
  const production = argv.mode !== 'development';
  const addinUrl = normaliseAddinUrl(process.env.ADDIN_URL || DEV_URL);
  const officeJs = officeJsMode();

  for (const [name, page] of Object.entries(PAGES)) {
    for (const file of [page.entry, page.template]) {
      if (!fs.existsSync(path.resolve(__dirname, file))) throw new Error(`webpack: the ${name} page needs ${file}, which does not exist`);
    }
  }
  for (const [name, file] of Object.entries(SCRIPTS)) {
    if (!fs.existsSync(path.resolve(__dirname, file))) throw new Error(`webpack: ${name}.js needs ${file}, which does not exist`);
  }

  return {
    mode: production ? 'production' : 'development',
    context: __dirname,
    target: ['web', 'es2020'],
    devtool: production ? false : 'source-map',
    entry: { ...Object.fromEntries(Object.entries(PAGES).map(([name, page]) => [name, page.entry])), ...SCRIPTS },
    output: {
      path: path.resolve(__dirname, 'dist/addin'),
      filename: '[name].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          options: {
            configFile: path.resolve(__dirname, 'tsconfig.addin.json'),
            onlyCompileBundledFiles: true,
            compilerOptions: { sourceMap: !production },
          },
        },
        // Prebuilt bundles with a setImmediate polyfill that could run strings as code: neutralised.
        { test: /[\\/]node_modules[\\/](exceljs|jszip)[\\/]dist[\\/].*\.js$/, use: [path.resolve(__dirname, 'scripts/no-string-code-loader.js')] },
        // pdf.js's eval feature test (and the compiler behind it): neutralised the same way.
        { test: /[\\/]node_modules[\\/]pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf\.mjs$/, use: [path.resolve(__dirname, 'scripts/no-string-code-loader.js')] },
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] },
        // Fonts or images a stylesheet refers to by a relative URL are emitted beside it.
        { test: /\.(png|svg|woff2?|ttf|eot)$/, type: 'asset/resource', generator: { filename: 'assets/[name].[contenthash:8][ext]' } },
      ],
    },
    plugins: [
      ...Object.entries(PAGES).map(
        ([name, page]) =>
          new HtmlWebpackPlugin({
            filename: `${name}.html`,
            template: page.template,
            chunks: page.chunks,
            chunksSortMode: 'manual',
            scriptLoading: 'defer',
            templateParameters: name === 'preview' ? { taskpaneMain: taskpaneMain() } : { officeJs: OFFICE_JS[officeJs] },
          }),
      ),
      new MiniCssExtractPlugin({ filename: '[name].css' }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => rewriteManifestUrls(content.toString('utf8'), addinUrl) },
          // Copied as published (already minified), not through the minifier, which would take minutes.
          ...(officeJs === 'local'
            ? [{ from: path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist'), to: 'office-js', globOptions: { ignore: OFFICE_JS_UNUSED }, info: { minimized: true } }]
            : []),
          // pdf.js's worker, started by the pane the first time it checks a PDF (「检查文件」).
          { from: 'node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs', to: 'pdf.worker.min.mjs', transform: (content) => neutralise(content.toString('utf8')) },
          // Its CMaps (Chinese fonts with a predefined encoding, UniGB-UCS2-H) and standard fonts:
          // fetched by the worker one file at a time, only when a PDF's fonts need them.
          { from: 'node_modules/pdfjs-dist/cmaps', to: 'pdfjs/cmaps', info: { minimized: true } },
          { from: 'node_modules/pdfjs-dist/standard_fonts', to: 'pdfjs/standard_fonts', info: { minimized: true } },
        ],
      }),
    ],
    performance: { hints: false },
    stats: { preset: 'errors-warnings', assets: true, assetsSort: 'name', excludeAssets: /\.png$/, timings: true },
  };
};
