package dev.ferry.scheduler.sim;

import java.util.HashSet;
import java.util.Set;

/**
 * One migration inside the simulator. Mutable, but only touched while holding the simulator's lock.
 * Setters return {@code this} so a test can shape an odd record in one expression.
 */
public final class SimMigration {
  String migrationId;
  String internalId;
  String path;
  String state;
  String createdTime;
  String startTime;
  boolean scanOnly;
  int ticksRunning;
  final Set<String> omitted = new HashSet<>();

  SimMigration(String migrationId, String internalId, String path, String state) {
    this.migrationId = migrationId;
    this.internalId = internalId;
    this.path = path;
    this.state = state;
  }

  /** Sets or (with null) removes the internal id; without one, only the name can start it. */
  public SimMigration internalId(String id) {
    this.internalId = id;
    return this;
  }

  public SimMigration createdTime(String time) {
    this.createdTime = time;
    return this;
  }

  public SimMigration startTime(String time) {
    this.startTime = time;
    return this;
  }

  public SimMigration state(String state) {
    this.state = state;
    return this;
  }

  /** A scan-only (one-time) migration ends COMPLETED instead of LIVE. */
  public SimMigration scanOnly() {
    this.scanOnly = true;
    return this;
  }

  /** Leaves a field out of the JSON entirely (as opposed to sending null). */
  public SimMigration omit(String field) {
    omitted.add(field);
    return this;
  }

  public String internalId() {
    return internalId;
  }

  public String migrationId() {
    return migrationId;
  }

  boolean answersTo(String id) {
    return id.equals(migrationId) || id.equals(internalId);
  }
}
