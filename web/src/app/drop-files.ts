import { isExportFileName } from '../engine/export-files';

/** Files from a drop: plain files, or the files of dropped folders (read recursively). */
export async function droppedFiles(dt: DataTransfer): Promise<{ files: File[]; label: string }> {
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (!entries.length) return { files: [...dt.files], label: selectionLabel([...dt.files]) };
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      out.push(await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej)));
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

/** The export files of a selection, the shallowest copy of each name winning (a picked folder may nest). */
export function exportFilesOf(files: File[]): File[] {
  const depth = (f: File) => (f.webkitRelativePath || f.name).split('/').length;
  const chosen = new Map<string, File>();
  for (const f of [...files].sort((a, b) => depth(a) - depth(b)))
    if (isExportFileName(f.name) && !chosen.has(f.name)) chosen.set(f.name, f);
  return [...chosen.values()];
}

/** A label for a selection: the folder's name when there is one. */
export function selectionLabel(files: File[]): string {
  const folder = files.find((f) => f.webkitRelativePath)?.webkitRelativePath.split('/')[0];
  return folder || (files.length === 1 ? files[0].name : `Your files (${files.length})`);
}
