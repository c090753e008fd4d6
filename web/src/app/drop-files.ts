import { mixedExportMessage, oneExport } from '../engine/export-files';

/** Where a dropped file sat inside the dropped folder (a picked folder's files carry it themselves). */
const droppedPath = new WeakMap<File, string>();
const pathOf = (f: File) => droppedPath.get(f) ?? (f.webkitRelativePath || f.name);

/** Files from a drop: plain files, or the files of dropped folders (read recursively). */
export async function droppedFiles(dt: DataTransfer): Promise<{ files: File[]; label: string }> {
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (!entries.length) return { files: [...dt.files], label: selectionLabel([...dt.files]) };
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      droppedPath.set(file, entry.fullPath.replace(/^\//, ''));
      out.push(file);
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (!batch.length) break;
        for (const e of batch) await walk(e);
      }
    }
  };
  for (const e of entries) await walk(e);
  const folder = entries.find((e) => e.isDirectory)?.name;
  return { files: out, label: folder ?? selectionLabel(out) };
}

/**
 * The export files of a selection: those of the one folder that holds tables (a picked folder may
 * nest one export). A selection with tables in more than one folder is refused, never mixed.
 */
export function exportFilesOf(files: File[]): { files: File[] } | { refused: string } {
  const chosen = oneExport(files, pathOf);
  return 'files' in chosen ? chosen : { refused: mixedExportMessage(chosen.folders) };
}

/** A label for a selection: the folder's name when there is one. */
export function selectionLabel(files: File[]): string {
  const folder = files.find((f) => f.webkitRelativePath)?.webkitRelativePath.split('/')[0];
  return folder || (files.length === 1 ? files[0].name : `Your files (${files.length})`);
}
