package dev.trovekeeper.inventory;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Ids of notifications already handled. */
@ApplicationScoped
public class ProcessedNotificationRepository
    implements PanacheRepositoryBase<ProcessedNotification, String> {}
