package dev.ferry.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The PromQL in config/: the Grafana dashboard's queries and the alert rules' expressions. */
final class MonitoringConfig {
  /** The repository's config/ directory (this module lives in src/test). */
  static final Path DIR = Path.of("../../config").toAbsolutePath().normalize();

  static final Path DASHBOARD = DIR.resolve("grafana/ferry-dashboard.json");
  static final Path ALERTS = DIR.resolve("prometheus/ferry-alerts.yml");
  static final Path SCRAPE = DIR.resolve("prometheus/prometheus.yml");

  private MonitoringConfig() {}

  /**
   * Every panel query of the dashboard, by the title of the row the panel sits under; template
   * variable queries under {@code "variables"}.
   */
  static Map<String, List<String>> dashboardQueries() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Map<String, List<String>> byRow = new LinkedHashMap<>();
    String row = "";
    for (JsonNode panel : dashboard.path("panels")) {
      if ("row".equals(panel.path("type").asText())) {
        row = panel.path("title").asText();
        continue;
      }
      for (JsonNode target : panel.path("targets")) {
        byRow.computeIfAbsent(row, r -> new ArrayList<>()).add(target.path("expr").asText());
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if ("query".equals(variable.path("type").asText())) {
        byRow
            .computeIfAbsent("variables", r -> new ArrayList<>())
            .add(variable.path("query").path("query").asText());
      }
    }
    return byRow;
  }

  static JsonNode alertRules() throws IOException {
    return new YAMLMapper().readTree(ALERTS.toFile());
  }

  /** The {@code expr} of every alert rule, by alert name. */
  static Map<String, String> alertExpressions() throws IOException {
    Map<String, String> exprs = new LinkedHashMap<>();
    for (JsonNode group : alertRules().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        exprs.put(rule.path("alert").asText(), rule.path("expr").asText());
      }
    }
    return exprs;
  }

  /** The metric names the given expressions select. */
  static Set<String> metricNames(Collection<String> expressions) {
    Set<String> names = new TreeSet<>();
    for (String e : expressions) {
      names.addAll(PromqlNames.of(e));
    }
    return names;
  }

  /** Every metric name the dashboard and the alert rules use. */
  static Set<String> allMetricNames() throws IOException {
    Set<String> names = new TreeSet<>(metricNames(alertExpressions().values()));
    dashboardQueries().values().forEach(qs -> names.addAll(metricNames(qs)));
    return names;
  }
}
