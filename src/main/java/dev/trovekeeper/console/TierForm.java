package dev.trovekeeper.console;

import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.operator.TierRequest;
import dev.trovekeeper.operator.TierResponse;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;

/**
 * The tier form: its fields as typed (shown back on an error) and the {@link TierRequest} they
 * make, checked with the same Bean Validation constraints {@code /v1/admin/tiers} applies. An empty
 * bound does not apply.
 */
final class TierForm extends ConsoleForm {

  /** The form's fields, in page order. */
  static final List<String> FIELDS =
      List.of(
          "name",
          "description",
          "minKeepLast",
          "minMaxAgeDays",
          "maxRunsPerDay",
          "minIntervalMinutes",
          "windowEarliest",
          "windowLatest");

  private TierForm() {}

  /** The form filled from what was posted. */
  static TierForm posted(Map<String, String> posted) {
    TierForm form = new TierForm();
    form.fill(FIELDS, posted);
    return form;
  }

  /** The form showing a stored tier, or an empty one. */
  static TierForm of(TierResponse t) {
    TierForm form = new TierForm();
    FIELDS.forEach(f -> form.values.put(f, ""));
    if (t != null) {
      form.values.put("name", t.name());
      form.values.put("description", text(t.description()));
      form.values.put("minKeepLast", text(t.minKeepLast()));
      form.values.put("minMaxAgeDays", text(t.minMaxAgeDays()));
      form.values.put("maxRunsPerDay", text(t.maxRunsPerDay()));
      form.values.put("minIntervalMinutes", text(t.minIntervalMinutes()));
      form.values.put("windowEarliest", text(t.windowEarliest()));
      form.values.put("windowLatest", text(t.windowLatest()));
    }
    return form;
  }

  /** The request, or null with {@link #errors} filled when a field is unreadable or invalid. */
  TierRequest request(Validator validator) {
    TierRequest request =
        new TierRequest(
            blankToNull("name"),
            blankToNull("description"),
            integer("minKeepLast"),
            integer("minMaxAgeDays"),
            integer("maxRunsPerDay"),
            time("windowEarliest", "22:00"),
            time("windowLatest", "06:00"),
            integer("minIntervalMinutes"));
    if (!errors.isEmpty()) {
      return null;
    }
    validator
        .validate(request)
        .forEach(
            v -> {
              String field = v.getPropertyPath().toString();
              // the window's cross-field check is shown next to its second field
              errors.add(
                  new FieldError(
                      field.equals("windowValid") ? "windowLatest" : field, v.getMessage()));
            });
    return errors.isEmpty() ? request : null;
  }
}
