package dev.trovekeeper.console;

import dev.trovekeeper.api.Page;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.KeystoneSignIn.ProjectChoice;
import dev.trovekeeper.instance.InstanceProtection;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.operator.PauseService;
import dev.trovekeeper.policy.EffectivePolicy;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.run.BackupResponse;
import dev.trovekeeper.run.RestoreView;
import dev.trovekeeper.run.RunResponse;
import io.quarkus.qute.TemplateData;

/** The types console templates read, so Qute resolves their properties without reflection. */
@TemplateData(target = Caller.class)
@TemplateData(target = ProjectChoice.class)
@TemplateData(target = Target.class)
@TemplateData(target = InstanceProtection.class)
@TemplateData(target = EffectivePolicy.class)
@TemplateData(target = PolicySpec.class)
@TemplateData(target = BackupResponse.class)
@TemplateData(target = RunResponse.class)
@TemplateData(target = RestoreView.class)
@TemplateData(target = Page.class)
@TemplateData(target = ConsoleSession.class)
@TemplateData(target = dev.trovekeeper.policy.TierBounds.class)
@TemplateData(target = dev.trovekeeper.operator.QueueReport.class)
@TemplateData(target = dev.trovekeeper.operator.QueueReport.FailedRun.class)
@TemplateData(target = dev.trovekeeper.operator.QueueReport.QuarantinedSchedule.class)
@TemplateData(target = dev.trovekeeper.audit.AuditEntry.class)
@TemplateData(target = dev.trovekeeper.operator.CoverageReport.class)
@TemplateData(target = dev.trovekeeper.operator.CoverageRow.class)
@TemplateData(target = PauseService.ProjectPause.class)
@TemplateData(target = dev.trovekeeper.operator.PauseResponse.class)
@TemplateData(target = dev.trovekeeper.operator.TierResponse.class)
@TemplateData(target = dev.trovekeeper.operator.AdminProjectResponse.class)
@TemplateData(target = InstancePages.InstanceRow.class)
@TemplateData(target = DiffPages.ChangeRow.class)
@TemplateData(target = LiveRun.class)
@TemplateData(target = dev.trovekeeper.migration.MigrationPlan.class)
@TemplateData(target = dev.trovekeeper.migration.MigrationPlan.Cycle.class)
@TemplateData(target = dev.trovekeeper.migration.MigrationPlan.BrokenReference.class)
@TemplateData(target = dev.trovekeeper.migration.Collision.class)
@TemplateData(target = dev.trovekeeper.migration.TableCounts.class)
@TemplateData(target = dev.trovekeeper.datarestore.RestoreEstimate.class)
@TemplateData(target = dev.trovekeeper.datarestore.RestoreEstimate.EntityEstimate.class)
@TemplateData(target = dev.trovekeeper.datarestore.DataRestoreResponse.class)
@TemplateData(target = dev.trovekeeper.datarestore.DataRestoreResponse.Counts.class)
@TemplateData(target = dev.trovekeeper.datarestore.RestoreErrorResponse.class)
@TemplateData(target = dev.trovekeeper.dataset.DatasetResponse.class)
@TemplateData(target = dev.trovekeeper.dataset.DatasetResponse.Suspension.class)
@TemplateData(target = dev.trovekeeper.dataset.DatasetSource.class)
@TemplateData(target = dev.trovekeeper.diff.DiffResponse.class)
@TemplateData(target = dev.trovekeeper.diff.DiffResponse.Counts.class)
@TemplateData(target = dev.trovekeeper.diff.DiffResponse.EntityCounts.class)
@TemplateData(target = dev.trovekeeper.retention.RetentionPreview.ProjectPreview.class)
@TemplateData(target = dev.trovekeeper.retention.RetentionPreview.TargetPreview.class)
@TemplateData(target = dev.trovekeeper.retention.RetentionPreview.BackupVerdict.class)
final class ConsoleTemplateData {

  private ConsoleTemplateData() {}
}
