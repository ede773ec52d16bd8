package dev.ferry.mover.engine;

import dev.ferry.mover.fs.PosixErrors;
import dev.ferry.mover.fs.Roots;
import dev.ferry.mover.fs.TargetCreator;
import dev.ferry.mover.task.ChunkLedger;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskScope;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/** What the handlers of one run share: configuration, roots, seams and run-wide tables. */
final class PassContext {
  final PassConfig cfg;
  final Roots roots;
  final TaskScope scope;
  final TargetCreator creator;
  final ChunkLedger ledger;

  /** This job's hard-link staging directory in the target. */
  final LinkStaging links;

  final MetadataWriter meta;
  final Filters filters;
  final boolean root;
  final MetadataWriter.Owner self;

  /** When this job started: temporary files of other jobs older than this are leftovers. */
  final Instant startedAt;

  PassContext(
      PassConfig cfg,
      Roots roots,
      TaskScope scope,
      TargetCreator creator,
      ChunkLedger ledger,
      LinkStaging links,
      MetadataWriter meta,
      Filters filters,
      MetadataWriter.Owner self,
      Instant startedAt) {
    this.cfg = cfg;
    this.roots = roots;
    this.scope = scope;
    this.creator = creator;
    this.ledger = ledger;
    this.links = links;
    this.meta = meta;
    this.filters = filters;
    this.root = self.uid() == 0;
    this.self = self;
    this.startedAt = startedAt;
  }

  Path source(RelPath rel) {
    return roots.resolve(scope.source(), rel);
  }

  Path target(RelPath rel) {
    return roots.resolve(scope.target(), rel);
  }

  Path targetRoot() {
    return roots.root(scope.target());
  }

  /** lstat, or null when the entry does not exist (ENOENT). Other errors propagate. */
  static EntryStat lstatOrNull(Path p) throws IOException {
    try {
      return EntryStat.lstat(p);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** A one-line reason for an I/O error, without the path (the report carries it). */
  static String reason(Exception e) {
    String m = e.getMessage();
    String kind = e.getClass().getSimpleName().replace("Exception", "");
    if (e instanceof java.nio.file.FileSystemException fse) {
      String r = PosixErrors.reason(fse);
      return r != null ? r : kind;
    }
    return m == null ? kind : kind + ": " + m.lines().findFirst().orElse(m);
  }
}
