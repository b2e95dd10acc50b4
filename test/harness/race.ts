import { spawn } from 'node:child_process';

/** Start `script` once per argument list, release every process at once, and collect what each prints (JSON). */
export async function race<T>(script: string, argLists: string[][]): Promise<T[]> {
  const children = argLists.map((args) => spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const outputs = children.map(
    (c) =>
      new Promise<T>((resolve, reject) => {
        let out = '';
        c.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        c.on('close', () => {
          try {
            resolve(JSON.parse(out) as T);
          } catch {
            reject(new Error(`child printed ${out}`));
          }
        });
      }),
  );
  await new Promise((r) => setTimeout(r, 1500)); // let every child load
  for (const c of children) c.stdin!.end('go\n');
  return Promise.all(outputs);
}
