## Doublons entre partenaires, provenance et historique des projets.

similarity-score = ressemblance { $score } %
similarity-title = titre { $value } %
similarity-text = texte { $value } %
similarity-contact-same = mêmes coordonnées
similarity-contact-other = autres coordonnées
similarity-place-same = même commune
similarity-place-other = autre commune
similarity-place-near = même département

duplicates-title = Doublons présumés
duplicates-heading = Doublons présumés à examiner
duplicates-intro = Ces fiches ressemblent à un projet déjà référencé sans que la ressemblance suffise à les rapprocher automatiquement. Dites s'il s'agit du même projet : votre décision est conservée lors des prochaines collectes.
duplicates-col-listing = Fiche
duplicates-col-project = Projet ressemblant
duplicates-col-why = Pourquoi
duplicates-col-decision = Décision
duplicates-same = Même projet
duplicates-different = Projets différents
duplicates-none = Aucun doublon présumé en attente.
duplicate-merged = Les deux fiches forment désormais un seul projet.
duplicate-rejected = C'est noté : ces projets resteront distincts.
duplicate-decision-unknown = Choisissez « Même projet » ou « Projets différents ».
duplicate-split-done = La fiche est devenue un projet distinct ; elle ne sera plus rapprochée de l'autre.
duplicate-split-alone = Ce projet n'a qu'une fiche : il n'y a rien à séparer.
duplicate-split-manual = Cette fiche ne vient pas d'une source collectée et ne peut pas être séparée.
error-not-found-listing = Cette fiche n'existe pas ou n'est plus en ligne.
error-not-found-duplicate = Ce doublon présumé n'existe pas ou a déjà été traité.
error-forbidden-duplicate-decide = Seuls les éditeurs des partenaires qui référencent ce projet et l'équipe de coordination peuvent séparer ses fiches.

listing-joined-auto = Rapprochée automatiquement :
listing-joined-by-person = Rapprochée par une personne :
listing-split = Séparer cette fiche

project-history = Historique
history-cause-created = création
history-cause-updated = mise à jour
history-cause-merged = rapprochement de fiches
history-cause-split = séparation d'une fiche
history-cause-archived = archivé (plus aucun partenaire ne le référence)
history-cause-revived = de nouveau référencé
history-field-title = titre
history-field-summary = résumé
history-field-description = description
history-field-holder_name = porteur
history-field-address = adresse
history-field-postcode = code postal
history-field-commune_insee = commune
history-field-geo_precision = précision de localisation
history-field-website = site web
history-field-contact_email = adresse de contact
history-field-image_url = image
history-field-start_year = année de lancement
history-field-status = statut
history-field-merged_into = fusionné dans un autre projet
coord-nav-duplicates = Doublons
space-tab-duplicates = Doublons
