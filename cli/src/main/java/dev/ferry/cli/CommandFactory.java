package dev.ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Creates subcommands; lets a command take the root (settings, environment) in its constructor. */
final class CommandFactory implements IFactory {
  private final FerryCommand root;
  private final IFactory fallback = CommandLine.defaultFactory();

  CommandFactory(FerryCommand root) {
    this.root = root;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    try {
      return cls.getDeclaredConstructor(FerryCommand.class).newInstance(root);
    } catch (NoSuchMethodException e) {
      return fallback.create(cls);
    }
  }
}
