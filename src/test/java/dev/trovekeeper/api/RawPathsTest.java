package dev.trovekeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Raw paths that Vert.x or RESTEasy would read as another path are refused; others pass. */
class RawPathsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/admin/projects/%2e%2e/pause",
        "/v1/admin/projects/%2E%2e/pause",
        "/v1/admin/projects/../pause",
        "/v1/admin/projects/./pause",
        "/v1/admin/projects/..;",
        "/v1/admin/projects/x;a=b",
        "/v1/admin/projects/..%3B/pause",
        "/v1/admin/projects/a%2fb",
        "/v1/admin/projects/a%5Cb",
        "/v1/admin/projects/a%00",
        "/v1/admin/projects//pause",
        "/v1/admin/projects/%zz",
        "/v1/admin/projects/%2e"
      })
  void refused(String path) {
    assertThat(RawPaths.problem(path)).as(path).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/admin/projects/demo-project-a/pause",
        "/v1/admin/projects/0123456789abcdef0123456789abcdef",
        "/v1/instances/",
        "/v1/admin/tiers/gold%20plus",
        "/v1/admin/tiers/gold.v2",
        "/v1/admin/tiers/%252e%252e",
        "/q/health/ready",
        "/"
      })
  void passed(String path) {
    assertThat(RawPaths.problem(path)).as(path).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"status=%zz", "a=1&b=%", "x=%4", "name=%ff%fe", "%g0=1"})
  void refusedQueries(String query) {
    assertThat(RawPaths.queryProblem(query)).as(query).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "status=ACTIVE",
        "a=1&b=%25",
        "from=2030-01-31T00%3A00%3A00Z",
        "x=a+b",
        "q=%C3%A9"
      })
  void passedQueries(String query) {
    assertThat(RawPaths.queryProblem(query)).as(query).isEmpty();
  }
}
