## Étiquettes des partenaires et thésaurus partagé

space-tags-queued = { $count ->
    [one] Une de vos étiquettes attend d'être rattachée au thésaurus.
   *[other] { $count } de vos étiquettes attendent d'être rattachées au thésaurus.
}
space-tags-queued-link = Les rattacher
space-tab-tags = Étiquettes
tags-queue-heading = Étiquettes à rattacher
tags-intro = Vos fiches portent vos propres étiquettes. Celles qui désignent sans ambiguïté un terme du thésaurus commun y sont rattachées automatiquement ; les autres attendent ici, les plus fréquentes d'abord. Choisissez un terme pour chacune, ou ignorez-la, puis enregistrez : les projets concernés sont mis à jour.
tags-col-tag = Étiquette
tags-col-count = Fiches
tags-col-term = Terme du thésaurus
tags-col-how = Rattachement
tags-count = { $count ->
    [one] { $count } fiche
   *[other] { $count } fiches
}
tags-choice-queue = — À rattacher —
tags-choice-ignore = Ignorer cette étiquette
tags-save = Enregistrer les rattachements
tags-save-changes = Enregistrer les modifications
tags-queue-empty = Aucune étiquette n'attend de rattachement.
tags-mapped-heading = Étiquettes rattachées
tags-mapped-intro = Les rattachements automatiques ou choisis, et les étiquettes ignorées. Vous pouvez les changer.
tags-mapped-empty = Aucune étiquette n'est encore rattachée.
tags-how-auto = Automatique
tags-how-manual = Choisi
tags-how-ignored = Ignorée
tags-term-unknown = Ce terme n'existe pas dans le thésaurus : choisissez-en un dans la liste.
tags-saved = Rattachements enregistrés ; les projets concernés sont à jour.
tags-saved-later = Rattachements enregistrés ; les nombreux projets concernés seront mis à jour dans quelques instants.
tags-hidden = { $count ->
    [one] Une autre étiquette, moins fréquente, n'est pas affichée.
   *[other] { $count } autres étiquettes, moins fréquentes, ne sont pas affichées.
}
tags-show-all = Tout afficher
tags-unchanged = Aucun rattachement n'a changé.
error-not-found-tag = Cette étiquette n'existe pas.
error-not-found-term = Ce terme n'existe pas dans le thésaurus.

coord-nav-thesaurus = Thésaurus
thesaurus-title = Thésaurus partagé
thesaurus-intro = Les thématiques, publics cibles et types de structure communs à tous les partenaires. Les codes sont définitifs ; les libellés et synonymes peuvent être modifiés. Les étiquettes en attente chez les partenaires sont rapprochées à nouveau après chaque modification.
thesaurus-vocabulary = Vocabulaire
thesaurus-vocabulary-theme = Thématiques
thesaurus-vocabulary-public = Publics cibles
thesaurus-vocabulary-structure = Types de structure
thesaurus-col-code = Code
thesaurus-code-hint = Lettres majuscules sans accent, chiffres et traits d'union, par exemple ECO-REPARATION. Il ne pourra plus être modifié.
thesaurus-label-fr = Libellé en français
thesaurus-label-en = Libellé en anglais
thesaurus-synonyms = Synonymes
thesaurus-synonyms-hint = Un par ligne : d'autres noms que les partenaires donnent à ce terme.
thesaurus-parent = Thématique parente
thesaurus-parent-hint = Pour une sous-thématique seulement.
thesaurus-parent-none = — Aucune —
thesaurus-edit = Modifier
thesaurus-save = Enregistrer
thesaurus-new-heading = Ajouter un terme
thesaurus-add = Ajouter le terme
thesaurus-code-invalid = Le code ne peut contenir que des lettres majuscules sans accent, des chiffres et des traits d'union (48 caractères au plus, sans trait d'union au début, à la fin ni doublé).
thesaurus-code-taken = Ce code est déjà utilisé par un autre terme.
thesaurus-parent-invalid = Seule une thématique peut avoir une parente, et la parente doit être une thématique de premier niveau.
thesaurus-term-added = Terme ajouté au thésaurus.
thesaurus-term-saved = Terme modifié.
audit-action-term_added = Terme ajouté au thésaurus
audit-action-term_edited = Terme du thésaurus modifié
