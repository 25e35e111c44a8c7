## Partners' tags and the shared thesaurus

space-tags-queued = { $count ->
    [one] One of your tags is waiting to be mapped to the thesaurus.
   *[other] { $count } of your tags are waiting to be mapped to the thesaurus.
}
space-tags-queued-link = Map them
space-tab-tags = Tags
tags-queue-heading = Tags to map
tags-intro = Your records carry your own tags. Those that clearly name a term of the shared thesaurus are mapped automatically; the others wait here, most frequent first. Choose a term for each, or ignore it, then save: the projects concerned are updated.
tags-col-tag = Tag
tags-col-count = Records
tags-col-term = Thesaurus term
tags-col-how = Mapping
tags-count = { $count ->
    [one] { $count } record
   *[other] { $count } records
}
tags-choice-queue = — To map —
tags-choice-ignore = Ignore this tag
tags-save = Save mappings
tags-save-changes = Save changes
tags-queue-empty = No tag is waiting to be mapped.
tags-mapped-heading = Mapped tags
tags-mapped-intro = Automatic or chosen mappings, and ignored tags. You can change them.
tags-mapped-empty = No tag is mapped yet.
tags-how-auto = Automatic
tags-how-manual = Chosen
tags-how-ignored = Ignored
tags-term-unknown = This term is not in the thesaurus: choose one from the list.
tags-saved = Mappings saved; the projects concerned are up to date.
tags-saved-later = Mappings saved; the many projects concerned will be updated in a few moments.
tags-hidden = { $count ->
    [one] One other, less frequent tag is not shown.
   *[other] { $count } other, less frequent tags are not shown.
}
tags-show-all = Show all
tags-unchanged = No mapping changed.
error-not-found-tag = This tag does not exist.
error-not-found-term = This term is not in the thesaurus.

coord-nav-thesaurus = Thesaurus
thesaurus-title = Shared thesaurus
thesaurus-intro = Themes, target publics and structure types shared by every partner. Codes are permanent; labels and synonyms can be changed. Tags waiting at partners are matched again after every change.
thesaurus-vocabulary = Vocabulary
thesaurus-vocabulary-theme = Themes
thesaurus-vocabulary-public = Target publics
thesaurus-vocabulary-structure = Structure types
thesaurus-col-code = Code
thesaurus-code-hint = Unaccented capital letters, digits and hyphens, for instance ECO-REPARATION. It cannot be changed later.
thesaurus-label-fr = French label
thesaurus-label-en = English label
thesaurus-synonyms = Synonyms
thesaurus-synonyms-hint = One per line: other names partners give to this term.
thesaurus-parent = Parent theme
thesaurus-parent-hint = For a sub-theme only.
thesaurus-parent-none = — None —
thesaurus-edit = Edit
thesaurus-save = Save
thesaurus-new-heading = Add a term
thesaurus-add = Add the term
thesaurus-code-invalid = The code may only contain unaccented capital letters, digits and hyphens (at most 48 characters, no hyphen at the start, at the end or doubled).
thesaurus-code-taken = This code is already used by another term.
thesaurus-parent-invalid = Only a theme may have a parent, and the parent must be a top-level theme.
thesaurus-term-added = Term added to the thesaurus.
thesaurus-term-saved = Term updated.
audit-action-term_added = Term added to the thesaurus
audit-action-term_edited = Thesaurus term updated
