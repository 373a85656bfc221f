// Paths of the Dockerfile fixtures and a helper to capture the ImageforgeError a call throws.
import { fileURLToPath } from 'node:url';
import { ImageforgeError } from '../../../src/errors/imageforge-error.js';

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/dockerfiles/${name}`, import.meta.url));
}

export async function caught(action: () => unknown): Promise<ImageforgeError> {
  try {
    await action();
  } catch (error: unknown) {
    if (error instanceof ImageforgeError) return error;
    throw error;
  }
  throw new Error('expected an ImageforgeError, nothing was thrown');
}
