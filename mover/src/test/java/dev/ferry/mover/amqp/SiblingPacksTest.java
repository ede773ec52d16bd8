package dev.ferry.mover.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mover.task.DirTask;
import dev.ferry.mover.task.EntryStat;
import dev.ferry.mover.task.FileBatchTask;
import dev.ferry.mover.task.Pass;
import dev.ferry.mover.task.RelPath;
import dev.ferry.mover.task.Task;
import dev.ferry.mover.task.TaskScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiblingPacksTest {
  private static final TaskScope SCOPE = new TaskScope("j", Pass.COPY, "/s", "/d");
  private static final EntryStat STAT = new EntryStat(040755, 0, 1, 1, 0, 0, 1, 2, 2, 0, 1);

  @Test
  void aDirectoryOfFewSubdirectoriesSendsOneMessageEach() {
    List<Task> children = dirs(SiblingPacks.SPREAD);
    children.add(new FileBatchTask(SCOPE, RelPath.of(Path.of("p")), List.of()));

    List<List<Task>> travel = SiblingPacks.of(children);

    assertEquals(SiblingPacks.SPREAD + 1, travel.size());
    travel.forEach(m -> assertEquals(1, m.size(), m.toString()));
    assertEquals(flatten(travel).size(), children.size());
  }

  @Test
  void aWideDirectoryPacksItsSubdirectoriesButKeepsThemSpread() {
    for (int n : List.of(SiblingPacks.SPREAD + 1, 400, 10_000)) {
      List<Task> children = dirs(n);
      FileBatchTask batch = new FileBatchTask(SCOPE, RelPath.of(Path.of("p")), List.of());
      children.add(3, batch);

      List<List<Task>> travel = SiblingPacks.of(children);

      List<Task> sent = flatten(travel);
      assertEquals(children.size(), sent.size(), "every child travels exactly once");
      assertTrue(sent.containsAll(children));
      assertEquals(List.of(batch), travel.get(0), "a file batch is never packed");
      List<List<Task>> packs = travel.subList(1, travel.size());
      int most = packs.stream().mapToInt(List::size).max().orElseThrow();
      assertTrue(most > 1 && most <= SiblingPacks.MOST, n + ": packs of " + most);
      assertTrue(packs.size() >= Math.min(SiblingPacks.SPREAD, n / SiblingPacks.MOST), n + "");
    }
    assertEquals(58, SiblingPacks.of(dirs(400)).size(), "400 subdirectories: 57 x 7 + 1");
    assertEquals(1250, SiblingPacks.of(dirs(10_000)).size(), "10,000: 8 each");
  }

  private static List<Task> dirs(int n) {
    List<Task> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new DirTask(SCOPE, RelPath.of(Path.of("p/s" + i)), STAT));
    }
    return out;
  }

  private static List<Task> flatten(List<List<Task>> travel) {
    List<Task> all = new ArrayList<>();
    travel.forEach(all::addAll);
    return all;
  }
}
