import type { RefObject } from 'react';

/**
 * The two hidden pickers of an export: a folder, or its files (Parquet and manifest.json). Buttons
 * open them through the refs; `label` and `testId` name both ("… folder", "… files").
 */
export function ExportInputs({
  folderRef,
  filesRef,
  label,
  testId,
  onPick,
}: {
  folderRef: RefObject<HTMLInputElement | null>;
  filesRef: RefObject<HTMLInputElement | null>;
  label: string;
  testId: string;
  onPick: (input: HTMLInputElement) => void;
}) {
  return (
    <>
      <input
        ref={folderRef}
        type="file"
        hidden
        aria-label={`${label} folder`}
        data-testid={`${testId}-folder`}
        {...{ webkitdirectory: '', directory: '' }}
        onChange={(e) => onPick(e.currentTarget)}
      />
      <input
        ref={filesRef}
        type="file"
        hidden
        multiple
        accept=".parquet,.json,application/json"
        aria-label={`${label} files`}
        data-testid={`${testId}-files`}
        onChange={(e) => onPick(e.currentTarget)}
      />
    </>
  );
}
