package dev.trovekeeper.operator;

import java.time.Instant;

/** Pure: the coverage report as RFC 4180 CSV, one header line and one line per target. */
public final class CoverageCsv {

  static final String HEADER =
      "project_id,kind,id,name,status,protection,last_success_at,last_run_state,"
          + "last_run_reason_code,last_run_reason";

  private CoverageCsv() {}

  public static String write(CoverageReport report) {
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (CoverageRow row : report.targets()) {
      csv.append(field(row.projectId()))
          .append(',')
          .append(row.kind())
          .append(',')
          .append(field(row.id()))
          .append(',')
          .append(field(row.name()))
          .append(',')
          .append(field(row.status()))
          .append(',')
          .append(row.protection().name())
          .append(',')
          .append(field(time(row.lastSuccessAt())))
          .append(',')
          .append(field(row.lastRunState()))
          .append(',')
          .append(field(row.lastRunReasonCode()))
          .append(',')
          .append(field(row.lastRunReason()))
          .append("\r\n");
    }
    return csv.toString();
  }

  private static String time(Instant at) {
    return at == null ? null : at.toString();
  }

  /**
   * Quotes what needs it; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a
   * formula (names come from tenants).
   */
  static String field(String value) {
    if (value == null) {
      return "";
    }
    String safe = value.matches("^[=+\\-@\\t\\r].*") ? "'" + value : value;
    if (safe.matches("(?s).*[\",\\r\\n].*")) {
      return '"' + safe.replace("\"", "\"\"") + '"';
    }
    return safe;
  }
}
