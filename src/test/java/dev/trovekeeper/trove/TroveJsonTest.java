package dev.trovekeeper.trove;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TroveJsonTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void troveDatesHaveNoZoneAndMeanUtc() {
    assertThat(TroveJson.date("2026-11-21T23:26:33"))
        .isEqualTo(Instant.parse("2026-11-21T23:26:33Z"));
  }

  @Test
  void zonedAndFractionalDatesAreAcceptedToo() {
    assertThat(TroveJson.date("2026-11-21T23:26:33Z"))
        .isEqualTo(Instant.parse("2026-11-21T23:26:33Z"));
    assertThat(TroveJson.date("2026-11-21T23:26:33.250000"))
        .isEqualTo(Instant.parse("2026-11-21T23:26:33.250Z"));
    assertThat(TroveJson.date("2026-11-22T01:26:33+02:00"))
        .isEqualTo(Instant.parse("2026-11-21T23:26:33Z"));
    assertThat(TroveJson.date(null)).isNull();
  }

  @Test
  void recordedBackupIsRead() throws Exception {
    var node =
        json.readTree(
            """
            {"id": "9685b721-c0a4-4050-9533-075395efb582", "name": "inc-1", "description": "incr",
             "locationRef": "http://127.0.0.1:8080/v1/AUTH_fake/database_backups/9685b721.xbstream",
             "instance_id": "13d08234-536f-46b0-a626-9fdc3f2928d4", "created": "2026-11-21T23:26:51",
             "updated": "2026-11-21T23:26:55", "size": 0.14, "status": "COMPLETED",
             "parent_id": "fc619c34-f593-45e9-930b-7e0485c90952", "project_id": "demoproject",
             "datastore": {"type": "mysql", "version": "5.7.29"}}
            """);
    TroveBackup backup = TroveJson.backup(node);
    assertThat(backup.id()).isEqualTo("9685b721-c0a4-4050-9533-075395efb582");
    assertThat(backup.parentId()).isEqualTo("fc619c34-f593-45e9-930b-7e0485c90952");
    assertThat(backup.projectId()).isEqualTo("demoproject");
    assertThat(backup.sizeGb()).isEqualTo(0.14);
    assertThat(backup.created()).isEqualTo(Instant.parse("2026-11-21T23:26:51Z"));
    assertThat(backup.completed()).isTrue();
  }

  @Test
  void newBackupHasNoSizeNorParent() throws Exception {
    var node =
        json.readTree(
            """
            {"id": "fc61", "name": "nightly-1", "locationRef": null, "instance_id": "13d0",
             "created": "2026-11-21T23:26:45", "updated": "2026-11-21T23:26:45", "size": null,
             "status": "NEW", "parent_id": null, "project_id": "demoproject"}
            """);
    TroveBackup backup = TroveJson.backup(node);
    assertThat(backup.sizeGb()).isNull();
    assertThat(backup.parentId()).isNull();
    assertThat(backup.locationRef()).isNull();
    assertThat(backup.running()).isTrue();
  }

  @Test
  void limitsAreRead() throws Exception {
    var node =
        json.readTree(
            """
            {"limits": [{"verb": "ABSOLUTE", "max_instances": 5, "max_backups": 50, "max_volumes": 20},
              {"verb": "POST", "value": 200, "remaining": 199, "unit": "MINUTE"},
              {"verb": "GET", "value": 200, "remaining": 200, "unit": "MINUTE"}]}
            """);
    ProjectLimits limits = TroveJson.limits(node);
    assertThat(limits.maxBackups()).isEqualTo(50);
    assertThat(limits.maxInstances()).isEqualTo(5);
    assertThat(limits.requestsPerMinute()).containsEntry("POST", 200);
    assertThat(limits.remainingThisMinute()).containsEntry("POST", 199);
  }

  @Test
  void markerComesFromTheNextLinkNotItsHost() throws Exception {
    var page =
        json.readTree(
            """
            {"backups": [], "links": [{"rel": "next",
              "href": "https://127.0.0.1:18779/v1.0/demoproject/backups?limit=2&marker=2"}]}
            """);
    assertThat(TroveJson.nextMarker(page)).isEqualTo("2");
    assertThat(TroveJson.nextMarker(json.readTree("{\"backups\": []}"))).isNull();
  }

  @Test
  void recordedAdminListItemIsReadAndUnknownFieldsAreIgnored() throws Exception {
    var node =
        json.readTree(
            """
            {"id": "1bd288b9-006d-43ee-b4d2-b4d8942fdf33", "name": "db3", "status": "ACTIVE",
             "operating_status": "HEALTHY", "links": [], "flavor": {"id": "1", "links": []},
             "datastore": {"type": "mysql", "version": "5.7.29", "version_number": "5.7.29"},
             "region": "RegionOne", "access": {}, "tenant_id": "demoproject", "volume": {"size": 1},
             "created": "2026-11-30T05:23:58", "updated": "2026-11-30T05:24:11",
             "service_status_updated": "2026-11-30T05:24:05",
             "server_id": "FAKE_d2eed794-7f9b-45c5-a268-bbbbeecb7c29",
             "volume_id": "FAKE_VOL_965875fe-c327-40fd-8830-e089e143768a",
             "encrypted_rpc_messaging": true,
             "server": {"id": "FAKE_d2ee", "name": "db3", "status": "ACTIVE",
                        "tenant_id": "demoproject", "host": "fake_host_1"},
             "service_status": "HEALTHY", "deleted": false, "deleted_at": null,
             "task_description": "No tasks for the instance.", "cluster_id": "c-1",
             "some_future_field": {"nested": [1, 2]},
             "fault": {"message": "Instance 1bd288b9 is not ready.",
                       "created": "2026-11-30T05:24:00", "details": null}}
            """);
    TroveInstance instance = TroveJson.instance(node);
    assertThat(instance.projectId()).isEqualTo("demoproject");
    assertThat(instance.status()).isEqualTo("ACTIVE");
    assertThat(instance.operatingStatus()).isEqualTo("HEALTHY");
    assertThat(instance.serviceStatus()).isEqualTo("HEALTHY");
    assertThat(instance.clusterId()).isEqualTo("c-1");
    assertThat(instance.datastoreVersion()).isEqualTo("5.7.29");
    assertThat(instance.fault())
        .isEqualTo(
            new TroveInstance.Fault(
                "Instance 1bd288b9 is not ready.", Instant.parse("2026-11-30T05:24:00Z")));
  }

  @Test
  void recordedTenantViewWithoutTheAdminFieldsLeavesThemNull() throws Exception {
    var node =
        json.readTree(
            """
            {"id": "f276", "name": "db2", "status": "REBOOT", "operating_status": "",
             "datastore": {"type": "mysql", "version": "5.7.29"}, "region": "RegionOne"}
            """);
    TroveInstance instance = TroveJson.instance(node, "demoproject");
    assertThat(instance.projectId()).isEqualTo("demoproject");
    assertThat(instance.status()).isEqualTo("REBOOT");
    assertThat(instance.serviceStatus()).isNull();
    assertThat(instance.fault()).isNull();
    assertThat(instance.clusterId()).isNull();
  }

  @Test
  void recordedLimitsOfTrove18AreReadTheMgmtPostLimitDoesNotHideTheGeneralOne() throws Exception {
    var node =
        json.readTree(
            """
            {"limits": [{"verb": "ABSOLUTE", "max_instances": 55, "max_ram": -1, "max_backups": 3,
              "max_volumes": 100},
             {"nextAvailable": "2026-11-30T05:23:58Z", "remaining": 4999, "unit": "MINUTE",
              "value": 5000, "verb": "POST", "uri": "*", "regex": ".*"},
             {"nextAvailable": "2026-11-30T05:24:12Z", "remaining": 4999, "unit": "MINUTE",
              "value": 5000, "verb": "GET", "uri": "*", "regex": ".*"},
             {"nextAvailable": "2026-11-30T05:24:12Z", "remaining": 200, "unit": "MINUTE",
              "value": 200, "verb": "POST", "uri": "*/mgmt", "regex": "^/mgmt"}]}
            """);
    ProjectLimits limits = TroveJson.limits(node);
    assertThat(limits.maxBackups()).isEqualTo(3);
    assertThat(limits.maxInstances()).isEqualTo(55);
    assertThat(limits.maxVolumes()).isEqualTo(100);
    assertThat(limits.requestsPerMinute()).containsEntry("POST", 5000).containsEntry("GET", 5000);
    assertThat(limits.remainingThisMinute()).containsEntry("POST", 4999);
  }
}
