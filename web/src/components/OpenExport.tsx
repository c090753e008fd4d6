import { useRef } from 'react';
import { selectionLabel } from '../app/drop-files';
import { ExportInputs } from './ExportInputs';

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
      <ExportInputs folderRef={folderRef} filesRef={filesRef} label="Export" testId="open" onPick={picked} />
    </div>
  );
}
