package dev.ferry.mover.engine;

import dev.ferry.lustre.NativeFiles;
import dev.ferry.mover.fs.FilesystemSync;
import dev.ferry.mover.fs.PosixTargetCreator;
import dev.ferry.mover.fs.Roots;
import dev.ferry.mover.fs.TargetCreator;
import dev.ferry.mover.metrics.MoverMetrics;
import dev.ferry.mover.report.Console;
import dev.ferry.mover.report.RunSummary;
import dev.ferry.mover.report.StatusBoard;
import dev.ferry.mover.report.Tally;
import dev.ferry.mover.task.ChunkLedger;
import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.TaskHandler;
import dev.ferry.mover.task.TaskScope;
import dev.ferry.mover.transport.InMemoryChunkLedger;
import dev.ferry.mover.transport.InProcessTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The mover's one entry point on one machine: checks the roots, then runs the configured passes one
 * after another on the in-process transport, showing progress, and returns the summary.
 */
public final class Mover {
  /** Tasks waiting in the queue at most; beyond it the emitting thread runs the task itself. */
  static final int QUEUE_CAPACITY = 1024;

  private final Clock clock;
  private final TargetCreator creator;
  private final MoverMetrics metrics;
  private Duration itemPause = Duration.ZERO;

  public Mover(Clock clock) {
    this(clock, new PosixTargetCreator());
  }

  public Mover(Clock clock, TargetCreator creator) {
    this(clock, creator, null);
  }

  /**
   * As above, with every task timed and counted in {@code metrics}; null for none (then no task is
   * wrapped and Micrometer is never loaded, which saves start-up time on every short run).
   */
  public Mover(Clock clock, TargetCreator creator, MoverMetrics metrics) {
    this.clock = clock;
    this.creator = creator;
    this.metrics = metrics;
  }

  /**
   * Test-only: holds each worker {@code pause} on every item, so a system test can watch the status
   * board of a small tree. Zero (the default) in real use.
   */
  public Mover itemPause(Duration pause) {
    this.itemPause = pause;
    return this;
  }

  /**
   * Runs {@code cfg}. Throws {@link MoverUsageException} (nothing changed) for bad roots; item
   * failures are in the summary.
   */
  public RunSummary run(PassConfig cfg, Console console) throws InterruptedException {
    RootCheck.Roots checked = RootCheck.check(cfg);
    if (!checked.targetExists() && !cfg.dryRun()) {
      try {
        Files.createDirectory(checked.target());
      } catch (IOException e) {
        throw new MoverUsageException(
            "cannot create target " + checked.target() + ": " + PassContext.reason(e));
      }
    }
    Instant start = clock.instant();
    String jobId = newJobId();
    Tally tally = new Tally(console, cfg.command(), !cfg.json(), itemPause);
    String warning = nativeWarning(cfg);
    if (warning != null) {
      console.line(true, warning);
    }
    try (StatusBoard board = StatusBoard.start(console, tally, clock, cfg.command())) {
      for (Pass pass : cfg.passes()) {
        runPass(cfg, checked, jobId, pass, tally);
      }
    }
    return summarize(cfg, Duration.between(start, clock.instant()), tally, console);
  }

  /**
   * Eight hex digits naming this run's temporary files. It must differ from the id of any other run
   * whose leftovers may be in the target, nothing more: it guards no secret (temporary files are
   * created {@code O_EXCL}), so the clock and the process id, mixed, are enough. {@code
   * SecureRandom} cost about 60 classes and 10 ms of every start.
   */
  static String newJobId() {
    long seed = System.nanoTime() ^ (processId() << 32) ^ System.currentTimeMillis();
    return HexFormat.of().toHexDigits(new SplittableRandom(seed).nextInt());
  }

  /** Prints the final summary of a run, as text or (with {@code --json}) JSON, and returns it. */
  public static RunSummary summarize(
      PassConfig cfg, Duration elapsed, Tally tally, Console console) {
    RunSummary summary =
        new RunSummary(
            cfg.command(),
            cfg.passes(),
            cfg.dryRun(),
            elapsed,
            tally.snapshot(),
            tally.failures(),
            tally.differences());
    console.summary(cfg.json() ? summary.json() : summary.text());
    return summary;
  }

  private void runPass(
      PassConfig cfg, RootCheck.Roots checked, String jobId, Pass pass, Tally tally)
      throws InterruptedException {
    if (pass != Pass.COPY && !Files.isDirectory(checked.target())) {
      return; // a dry run with no target yet: the copy pass reported everything
    }
    String src = checked.source().toString();
    String dst = checked.target().toString();
    Roots roots = new Roots(Map.of(src, checked.source(), dst, checked.target()));
    TaskScope scope = new TaskScope(jobId, pass, src, dst);
    TaskHandler handler =
        handler(cfg, roots, scope, creator, new InMemoryChunkLedger(), clock.instant());
    if (metrics != null) {
      handler = metrics.metered(handler);
    }
    new InProcessTransport(cfg.threads(), QUEUE_CAPACITY)
        .run(List.of(new DirTask(scope, RelPath.ROOT, null)), handler, tally);
    if (pass != Pass.VERIFY && !cfg.dryRun()) {
      flush(checked.target(), tally);
    }
  }

  /**
   * A pass is over when what it wrote is on disk: its end is where an admin switches users over,
   * and where a failed writeback (a full or failing target) must still turn up, since {@code close}
   * reports none on most filesystems.
   */
  static void flush(Path target, Tally tally) {
    try {
      FilesystemSync.flush(target);
    } catch (IOException e) {
      tally.fail(RelPath.ROOT, "cannot flush the target filesystem: " + PassContext.reason(e));
    }
  }

  /**
   * The handler for every task of one pass of one job, for any transport: a distributed worker
   * builds one per (job, pass) with its own {@link Roots} and a shared {@link ChunkLedger}.
   */
  public static TaskHandler handler(
      PassConfig cfg,
      Roots roots,
      TaskScope scope,
      TargetCreator creator,
      ChunkLedger ledger,
      Instant startedAt) {
    MetadataWriter.Owner self = processOwner();
    boolean root = self.uid() == 0;
    XattrCopier xattrs = xattrCopier(cfg, root, roots, scope);
    PassContext ctx =
        new PassContext(
            cfg,
            roots,
            scope,
            creator,
            ledger,
            new LinkStaging(roots.root(scope.target()), scope.jobId()),
            new MetadataWriter(cfg, root, xattrs, NativeFiles.available(), processUmask()),
            new Filters(cfg.excludes(), cfg.skipAtimeOlder(), cfg.skipMtimeNewer(), startedAt),
            self,
            startedAt);
    return new PassHandler(ctx);
  }

  /**
   * Raw xattr calls through the JNI library when it loaded; else {@code user.*} through Java when
   * both filesystems support it; null when nothing is to be copied.
   */
  private static XattrCopier xattrCopier(
      PassConfig cfg, boolean root, Roots roots, TaskScope scope) {
    boolean user = cfg.preserves(Preserve.XATTRS);
    XattrNames names = new XattrNames(user, user && root, cfg.preserves(Preserve.ACLS));
    if (NativeFiles.available()) {
      return names.any() ? new NativeXattrCopier(names) : null;
    }
    boolean supported =
        supportsUserXattrs(roots.root(scope.source()))
            && supportsUserXattrs(roots.root(scope.target()));
    return user && supported ? new JavaXattrCopier() : null;
  }

  /**
   * One warning when ferry's JNI library did not load and the run would have used it: what is then
   * not preserved. Null when there is nothing to say.
   */
  static String nativeWarning(PassConfig cfg) {
    if (NativeFiles.available()
        || !cfg.passes().contains(Pass.COPY)
        || !(cfg.preserves(Preserve.XATTRS)
            || cfg.preserves(Preserve.ACLS)
            || cfg.preserves(Preserve.TIMES))) {
      return null;
    }
    return "ferry: warning: native library not loaded ("
        + NativeFiles.unavailableReason().orElse("unknown reason")
        + "); only user.* xattrs of files and directories are copied (no trusted.* xattrs,"
        + " POSIX ACLs or symlink xattrs), symlink times to the microsecond";
  }

  /** The effective uid and gid: the owner of {@code /proc/self}. */
  static MetadataWriter.Owner processOwner() {
    try {
      Path self = Path.of("/proc/self");
      return new MetadataWriter.Owner(
          (Integer) Files.getAttribute(self, "unix:uid"),
          (Integer) Files.getAttribute(self, "unix:gid"));
    } catch (IOException | RuntimeException e) {
      return MetadataWriter.Owner.UNKNOWN;
    }
  }

  /** This process's id from {@code /proc/self} (cheaper to start than {@code ProcessHandle}). */
  static long processId() {
    try {
      return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
    } catch (IOException | RuntimeException e) {
      return 0; // the clock alone still makes a new id
    }
  }

  /** The process umask, from {@code /proc/self/status} (Linux 4.7+); 022 if unknown. */
  static int processUmask() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Umask:")) {
          return Integer.parseInt(line.substring(6).strip(), 8);
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the usual default
    }
    return 022;
  }

  static boolean runningAsRoot() {
    return processOwner().uid() == 0;
  }

  private static boolean supportsUserXattrs(Path root) {
    try {
      return Files.getFileStore(root).supportsFileAttributeView(UserDefinedFileAttributeView.class);
    } catch (IOException e) {
      return false;
    }
  }
}
