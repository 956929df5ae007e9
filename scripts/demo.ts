/** `npm start` until the add-in exists: runs the checker on the bundled examples and explains the result. */
import * as path from 'path';
import { main } from '../src/cli/main';

async function demo(): Promise<void> {
  const examples = path.resolve(__dirname, '../../examples');
  const code = await main(['check', path.join(examples, 'sample-2024-clean.json'), path.join(examples, 'sample-2024-mistakes.json')]);
  process.stdout.write(`\n（演示结束：nianbao check 的退出码为 ${code}。第二个示例故意填错了三处。检查自己的报告：npx nianbao check 报告.xlsx）\n`);
}

void demo();
