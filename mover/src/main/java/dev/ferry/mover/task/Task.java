package dev.ferry.mover.task;

/**
 * A unit of work of one pass. Tasks are values: everything a handler needs is in the task or on the
 * filesystems it names, so any worker on any node can run any task, and running one twice is
 * harmless. See {@code docs/task-protocol.md}.
 */
public sealed interface Task
    permits DirTask, FileBatchTask, ChunkTask, SplitTask, CommitTask, DeleteTask, DirMetaTask {
  TaskScope scope();

  /** The entry this task is about, relative to the filesystem roots. */
  RelPath path();
}
