package dev.ferry.mover.amqp;

import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a task's children travel together, in one message. Every message costs the broker a
 * quorum-queue write, a delivery, an acknowledgement and a ledger entry that every observer reads,
 * whatever the work behind it; a directory of many small subdirectories (home directories, one per
 * sample or per day) would pay that per subdirectory. So the subdirectories of a directory that has
 * many are packed, up to {@link #MOST} per message, while a directory of few keeps one message per
 * subdirectory: those are the tasks through which a job fans out to every worker at its start. The
 * packing leaves at least {@link #SPREAD} messages per directory, so a wide directory still feeds
 * that many worker threads at once. A pack's work stays bounded: one listing and at most one
 * partial file batch per subdirectory.
 */
final class SiblingPacks {
  /** Most subdirectories in one message. */
  static final int MOST = 8;

  /** Messages a directory's subdirectories are spread over, at least, before any are packed. */
  static final int SPREAD = 64;

  private SiblingPacks() {}

  /**
   * The children as they travel: each a list of one task, or of sibling directory tasks to run
   * together. Every child is in exactly one list; the directory tasks come last, in their order.
   */
  static List<List<Task>> of(List<Task> children) {
    List<Task> dirs = new ArrayList<>();
    List<List<Task>> out = new ArrayList<>();
    for (Task t : children) {
      if (t instanceof DirTask) {
        dirs.add(t);
      } else {
        out.add(List.of(t));
      }
    }
    int size = Math.min(MOST, Math.max(1, (dirs.size() + SPREAD - 1) / SPREAD));
    for (int i = 0; i < dirs.size(); i += size) {
      out.add(List.copyOf(dirs.subList(i, Math.min(dirs.size(), i + size))));
    }
    return out;
  }
}
