## Espace de coordination : candidatures, partenaires, comptes et journal.
## error-forbidden-coordinators-only est dans accounts.ftl.

coord-title = Coordination
coord-nav-label = Sections de la coordination
coord-nav-overview = Vue d'ensemble
coord-nav-applications = Candidatures
coord-nav-partners = Partenaires
coord-nav-users = Utilisateurs
coord-nav-journal = Journal

## Vue d'ensemble

coord-overview-title = Vue d'ensemble
coord-overview-intro = L'équipe de coordination examine les candidatures, veille sur les partenaires et les comptes, et garde la trace de chaque décision dans le journal.
coord-overview-review = Examiner les candidatures
coord-stat-pending = { $count ->
    [one] candidature en attente
   *[other] candidatures en attente
}
coord-stat-active = { $count ->
    [one] partenaire actif
   *[other] partenaires actifs
}
coord-stat-suspended = { $count ->
    [one] partenaire suspendu
   *[other] partenaires suspendus
}
coord-stat-users = { $count ->
    [one] compte
   *[other] comptes
}

## Candidatures

coord-applications-title = Candidatures
coord-applications-showing-pending = Candidatures en attente de décision.
coord-applications-showing-all = Toutes les candidatures, des plus récentes aux plus anciennes.
coord-applications-show-all = Voir toutes les candidatures
coord-applications-show-pending = Voir seulement les candidatures en attente
coord-applications-none-pending = Aucune candidature en attente.
coord-applications-none = Aucune candidature pour l'instant.
coord-application-applicant = Déposée par
coord-application-applicant-gone = compte supprimé
coord-application-submitted = Déposée le
coord-application-decided = Décidée le
coord-application-message = Message de la candidature
coord-application-decision-message = Message de la décision
coord-decision-message = Message à la personne qui a candidaté
coord-decision-message-hint = Il lui est envoyé par e-mail avec la décision. Facultatif pour une acceptation, obligatoire pour un refus (10 caractères au moins).
coord-decision-accept = Accepter
coord-decision-decline = Refuser

## Partenaires

coord-partners-title = Partenaires
coord-partners-intro = Les partenaires entrent dans le collectif par une candidature acceptée. Ici, vous pouvez suspendre un partenaire actif, le réactiver, ou enregistrer son départ ; un départ est définitif.
coord-partners-none = Aucun partenaire.
coord-col-partner = Partenaire
coord-col-status = Statut
coord-col-admitted = Admis le
coord-col-status-changed = Statut changé le
coord-col-actions = Actions
coord-col-created = Inscrit le
coord-partner-suspend = Suspendre
coord-partner-suspend-label = Suspendre { $partner }
coord-partner-reactivate = Réactiver
coord-partner-reactivate-label = Réactiver { $partner }
coord-partner-left = Enregistrer son départ
coord-partner-left-label = Enregistrer le départ de { $partner }
coord-partner-see-application = Voir la candidature

## Utilisateurs

coord-users-title = Utilisateurs
coord-users-search-label = Nom ou adresse e-mail
coord-users-search = Rechercher
coord-users-search-reset = Effacer la recherche
coord-users-count = { $count ->
    [0] Aucun compte
    [one] { $count } compte
   *[other] { $count } comptes
}
coord-users-none = Aucun compte ne correspond à cette recherche.
coord-user-enabled = Actif
coord-user-disabled = Désactivé
coord-user-unverified = Adresse non confirmée
coord-user-coordinator = Coordination
coord-user-disable = Désactiver
coord-user-disable-label = Désactiver le compte de { $name }
coord-user-enable = Réactiver
coord-user-enable-label = Réactiver le compte de { $name }
coord-user-grant = Ajouter à la coordination
coord-user-grant-label = Ajouter { $name } à l'équipe de coordination
coord-user-revoke = Retirer de la coordination
coord-user-revoke-label = Retirer { $name } de l'équipe de coordination

## Journal

coord-journal-title = Journal
coord-journal-intro = Chaque action sensible est enregistrée ici, de la plus récente à la plus ancienne.
coord-journal-empty = Le journal est vide.
coord-journal-system = système
coord-col-at = Date (UTC)
coord-col-actor = Par
coord-col-action = Action
coord-col-target = Objet
coord-col-details = Détails
coord-col-ip = Adresse IP
audit-action-partner_applied = Candidature déposée
audit-action-partner_admitted = Partenaire admis
audit-action-partner_declined = Candidature refusée
audit-action-partner_status_changed = Statut d'un partenaire modifié
audit-action-member_role_changed = Rôle d'un membre modifié
audit-action-member_removed = Membre retiré
audit-action-user_disabled = Compte désactivé
audit-action-user_enabled = Compte réactivé
audit-action-coordinator_granted = Ajout à la coordination
audit-action-coordinator_revoked = Retrait de la coordination
audit-action-sign_in_new_device = Connexion depuis un nouvel appareil

## Messages des redirections

application-accepted = La candidature est acceptée : le partenaire est actif et la personne qui a candidaté en est informée par e-mail.
application-declined = La candidature est refusée ; la personne qui a candidaté en est informée par e-mail.
application-already-decided = Cette candidature a déjà fait l'objet d'une décision.
partner-status-changed = Le statut du partenaire a été modifié.
partner-status-transition = Ce changement de statut n'est pas possible depuis le statut actuel du partenaire.
access-changed = Les accès du compte ont été modifiés.
access-not-yourself = Vous ne pouvez pas modifier vos propres accès : demandez à une autre personne de la coordination.
coord-confirm-left = Le départ de { $partner } est définitif : son espace ne pourra plus être modifié.
coord-confirm-button = Confirmer
