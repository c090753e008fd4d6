import { useRef } from 'react';
import { selectionLabel } from '../app/drop-files';

interface Props {
  onOpen: (files: File[], label: string) => void;
  onSample: () => void;
}

/** Opening an export: a folder, a set of files (drag and drop is handled by the page). */
/** Always enabled: opening an export while another loads stops that load. */
export function OpenExport({ onOpen, onSample }: Props) {
  const folderRef = useRef<HTMLInputElement>(null);
  const filesRef = useRef<HTMLInputElement>(null);
  const picked = (input: HTMLInputElement | null) => {
    const files = [...(input?.files ?? [])];
    if (input) input.value = '';
    if (files.length) onOpen(files, selectionLabel(files));
  };
  return (
    <div className="open-export" role="group" aria-label="Open data">
      <button type="button" className="button primary" onClick={() => folderRef.current?.click()}>
        Open export folder…
      </button>
      <button type="button" className="button" onClick={() => filesRef.current?.click()}>
        Open files…
      </button>
      <button type="button" className="button subtle" onClick={onSample}>
        Sample data
      </button>
      <input
        ref={folderRef}
        type="file"
        hidden
        aria-label="Export folder"
        data-testid="open-folder"
        {...{ webkitdirectory: '', directory: '' }}
        onChange={(e) => picked(e.currentTarget)}
      />
      <input
        ref={filesRef}
        type="file"
        hidden
        multiple
        accept=".parquet,.json,application/json"
        aria-label="Export files"
        data-testid="open-files"
        onChange={(e) => picked(e.currentTarget)}
      />
    </div>
  );
}
