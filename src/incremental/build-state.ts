// Remembers, per engine and image, the input fingerprint of the last successful build and the image
// it produced: what decides whether the next run may skip BuildKit for that image.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';

const stateSchema = z.object({
  fingerprint: z.string(),
  imageId: z.string(),
  tags: z.array(z.string()),
  builtAt: z.string(),
  runId: z.string(),
});

export type ImageBuildState = z.infer<typeof stateSchema>;

export class BuildStateStore {
  private readonly dir: string;

  /** One folder per engine endpoint: two engines never share an image store. */
  constructor(projectDir: string, endpoint: string) {
    const engine = createHash('sha256').update(endpoint).digest('hex').slice(0, 16);
    this.dir = path.join(projectDir, '.imageforge', 'state', engine);
  }

  async read(image: string): Promise<ImageBuildState | undefined> {
    const text = await readFile(this.file(image), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const parsed = stateSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined; // a corrupt state file only costs a rebuild
    }
  }

  async write(image: string, state: ImageBuildState): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.file(image), `${JSON.stringify(state, null, 2)}\n`);
  }

  private file(image: string): string {
    return path.join(this.dir, `${image}.json`);
  }
}
