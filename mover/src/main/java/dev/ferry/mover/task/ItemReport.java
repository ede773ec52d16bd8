package dev.ferry.mover.task;

/** A failure or a difference, by path. */
public record ItemReport(RelPath path, String message) {}
