import { describe, expect, it } from 'vitest';
import { MAX_TEXT_FILE_KB, readPickedText } from './files';

/** A stand-in for an `<input type="file">` holding `files`. */
function inputWith(files: File[]): HTMLInputElement {
  return { files, value: 'C:\\fakepath\\x' } as unknown as HTMLInputElement;
}

describe('readPickedText', () => {
  it('reads the picked file and clears the input', async () => {
    const input = inputWith([new File(['[[term]]\ntext = "x"\n'], 'mine.toml')]);
    expect(await readPickedText(input)).toEqual({
      name: 'mine.toml',
      text: '[[term]]\ntext = "x"\n',
    });
    expect(input.value).toBe('');
  });

  it('is null when nothing was picked', async () => {
    expect(await readPickedText(inputWith([]))).toBeNull();
  });

  it('refuses a file that is too big, saying the limit', async () => {
    const big = new File([new Uint8Array(MAX_TEXT_FILE_KB * 1024 + 1)], 'video.mp4');
    expect(await readPickedText(inputWith([big]))).toEqual({
      error: 'fileTooBig',
      params: { n: MAX_TEXT_FILE_KB },
    });
  });
});
