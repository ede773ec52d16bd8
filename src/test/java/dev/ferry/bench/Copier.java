package dev.ferry.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** One copy tool under test and how it is told to copy the contents of SRC into a new DST. */
record Copier(String name, BiFunction<Path, Path, List<String>> command) {

  List<String> commandFor(Path src, Path dst) {
    return command.apply(src, dst);
  }

  static Copier ferry(Path binary, List<String> extraArgs) {
    return ferry("ferry copy", binary, extraArgs);
  }

  /** A second ferry binary timed alongside the first (an A/B of two builds in one run). */
  static Copier baseline(Path binary, List<String> extraArgs) {
    return ferry("baseline: ferry copy", binary, extraArgs);
  }

  private static Copier ferry(String label, Path binary, List<String> extraArgs) {
    String name = String.join(" ", label, String.join(" ", extraArgs)).strip();
    return new Copier(
        name,
        (s, d) -> {
          List<String> cmd = new ArrayList<>(List.of(binary.toString(), "copy"));
          cmd.addAll(extraArgs);
          cmd.addAll(List.of(s.toString(), d.toString()));
          return cmd;
        });
  }

  static Copier cp() {
    return new Copier("cp -a", (s, d) -> List.of("cp", "-a", s.toString(), d.toString()));
  }

  static Copier rsync() {
    return new Copier("rsync -a", (s, d) -> List.of("rsync", "-a", s + "/", d + "/"));
  }

  /**
   * ferry (and the baseline build, when given), cp -a and rsync -a, plus the HPC copiers when they
   * are installed: mpifileutils' dcp on two ranks (one per core) and fpsync with two rsync jobs.
   */
  static List<Copier> available(Path ferry, Path baseline, List<String> ferryArgs)
      throws IOException {
    List<Copier> list = new ArrayList<>(List.of(ferry(ferry, ferryArgs)));
    if (baseline != null) {
      list.add(baseline(baseline, ferryArgs));
    }
    list.addAll(List.of(cp(), rsync()));
    if (Shell.onPath("dcp") && Shell.onPath("mpirun")) {
      list.add(
          new Copier(
              "dcp -p (2 ranks)",
              (s, d) ->
                  List.of(
                      "mpirun",
                      "--allow-run-as-root",
                      "--oversubscribe",
                      "-np",
                      "2",
                      "dcp",
                      "-p",
                      s.toString(),
                      d.toString())));
    }
    if (Shell.onPath("fpsync")) {
      list.add(
          new Copier(
              "fpsync -n 2",
              (s, d) ->
                  List.of(
                      "sh",
                      "-c",
                      "mkdir -p \"$2\" && fpsync -n 2 \"$1/\" \"$2/\"",
                      "fpsync",
                      s.toString(),
                      d.toString())));
    }
    return list;
  }
}
