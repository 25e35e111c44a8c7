## Comptes : inscription, connexion, mot de passe, compte, identités, e-mails.
## Ne jamais laisser deviner si une adresse a un compte.

## En-tête et pied de page

nav-user-label = Votre compte
nav-sign-in = Se connecter
nav-sign-up = Créer un compte
nav-account = Mon compte
nav-account-prefix = Mon compte :
nav-sign-out = Se déconnecter
nav-coordination = Coordination
nav-partner-space = Espace partenaire : { $partner }
footer-join = Rejoindre le collectif

## Champs communs

account-display-name = Nom affiché
account-email = Adresse e-mail
account-password = Mot de passe
account-password-confirm = Confirmez le mot de passe
# Suit password::MIN_LEN et MAX_LEN (10 et 128).
password-hint = Au moins 10 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.

## Inscription

signup-title = Créer un compte
signup-intro = Un compte vous permet de rejoindre l'espace de votre structure et de participer à la vie du collectif.
signup-submit = Créer mon compte
signup-have-account = Vous avez déjà un compte ?
signup-done-heading = Consultez votre messagerie
signup-done-text = Nous venons d'envoyer un e-mail à l'adresse indiquée. Suivez le lien qu'il contient pour continuer ; il est valable 48 heures.
signup-done-nothing = Rien reçu après quelques minutes ? Vérifiez vos courriers indésirables. Si le lien a expiré, connectez-vous avec votre adresse et votre mot de passe : un nouveau lien vous sera envoyé.
signup-go-sign-in = Aller à la page de connexion

## Connexion

signin-title = Se connecter
signin-submit = Se connecter
signin-forgot = Mot de passe oublié ?
signin-no-account = Pas encore de compte ?
signin-providers = Ou continuer avec
signin-with-provider = Continuer avec { $provider }
signin-providers-note = À la première connexion par ce moyen, votre compte est relié à celui qui porte la même adresse e-mail vérifiée, ou créé s'il n'existe pas.

## Mot de passe oublié et nouveau mot de passe

forgot-title = Mot de passe oublié
forgot-intro = Indiquez l'adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.
forgot-submit = Recevoir un lien
forgot-back = Retour à la connexion
reset-title = Choisir un nouveau mot de passe
reset-intro = Ce nouveau mot de passe remplacera l'ancien. Par sécurité, toutes vos sessions ouvertes seront fermées.
reset-password = Nouveau mot de passe
reset-submit = Enregistrer le mot de passe

## Page « Mon compte »

account-title = Mon compte
account-intro = Votre adresse de connexion : { $email }.
account-toc = Sections de la page
account-errors-go = Aller au formulaire concerné
account-profile = Profil
account-preferred-lang = Langue préférée
account-preferred-lang-hint = Les e-mails du collectif vous seront envoyés dans cette langue.
account-save = Enregistrer
account-password-change = Changer de mot de passe
account-password-set = Définir un mot de passe
account-password-none = Vous vous connectez aujourd'hui par un service externe. Un mot de passe vous permettra aussi de vous connecter avec votre adresse e-mail.
account-current-password = Mot de passe actuel
account-new-password = Nouveau mot de passe
account-new-password-confirm = Confirmez le nouveau mot de passe
account-password-change-submit = Changer le mot de passe
account-password-set-submit = Définir le mot de passe
account-email-change = Adresse e-mail
account-email-current = Adresse actuelle : { $email }.
account-email-change-intro = Pour la changer, indiquez la nouvelle : elle ne remplacera l'actuelle qu'une fois confirmée par le lien que nous y enverrons.
account-new-email = Nouvelle adresse e-mail
account-email-change-submit = Changer d'adresse
account-identities = Services de connexion
account-identities-intro = Ces services vous permettent de vous connecter sans mot de passe.
account-identities-none = Aucun service de connexion n'est associé à votre compte.
account-identity-unlink = Dissocier { $provider }
account-identity-last-hint = C'est votre seul moyen de vous connecter : définissez un mot de passe avant de dissocier ce service.
account-identity-link-heading = Associer un service
account-identity-link = Associer { $provider }
account-delete = Supprimer mon compte
account-delete-intro = La suppression est définitive : votre nom, votre adresse, vos accès aux espaces partenaires et vos services de connexion sont effacés, et votre session est fermée.
account-delete-partners = Les contenus publiés pour le compte d'un partenaire (projets, sources, messages) appartiennent à ce partenaire : ils restent en ligne, sans votre nom.
account-delete-confirm = Pour confirmer, saisissez votre adresse e-mail
account-delete-confirm-hint = Votre adresse : { $email }
account-delete-submit = Supprimer définitivement mon compte

## Messages des formulaires et des redirections

password-too-short = Le mot de passe doit contenir au moins 10 caractères.
password-too-long = Le mot de passe ne doit pas dépasser 128 caractères.
password-is-email = Le mot de passe ne doit pas être votre adresse e-mail.
password-mismatch = Les deux mots de passe ne sont pas identiques.
password-wrong = Mot de passe incorrect.
signin-failed = Adresse ou mot de passe incorrect.
signin-disabled = Ce compte est désactivé. Écrivez aux coordinateurs si vous pensez qu'il s'agit d'une erreur.
signin-unverified = Votre adresse e-mail n'est pas encore confirmée. Nous venons de vous renvoyer le lien de confirmation : consultez votre messagerie.
signin-welcome = Connexion réussie. Bienvenue !
verify-done = Votre adresse e-mail est confirmée. Vous pouvez maintenant vous connecter.
token-unknown = Ce lien n'est pas valide. Vérifiez que vous l'avez copié en entier, ou demandez-en un nouveau.
token-used = Ce lien a déjà été utilisé.
token-expired = Ce lien a expiré. Demandez-en un nouveau.
reset-sent = Si cette adresse correspond à un compte, un e-mail vient d'y être envoyé avec un lien pour choisir un nouveau mot de passe. Le lien est valable une heure.
reset-done = Votre mot de passe a été changé. Connectez-vous avec le nouveau.
account-saved = Vos modifications sont enregistrées.
password-changed = Votre mot de passe est enregistré. Vos autres appareils ont été déconnectés.
email-change-sent = Nous avons envoyé un lien de confirmation à la nouvelle adresse. Votre adresse ne changera qu'une fois ce lien ouvert (il est valable 48 heures).
email-changed = Votre nouvelle adresse e-mail est enregistrée.
email-taken = Cette adresse est déjà utilisée par un autre compte.
identity-last-way-in = Impossible de dissocier ce service : c'est votre seul moyen de vous connecter. Définissez d'abord un mot de passe.
identity-unlinked = Le service de connexion a été dissocié de votre compte.
identity-linked = Le service de connexion est associé à votre compte.
identity-already-linked = Ce service de connexion était déjà associé à votre compte.
identity-taken = Cette identité est déjà associée à un autre compte Carrefour.
delete-confirmation-mismatch = Saisissez exactement l'adresse e-mail de votre compte pour confirmer.
delete-last-admin = Vous êtes la seule personne à administrer au moins un espace partenaire. Confiez ce rôle à quelqu'un d'autre dans la structure avant de supprimer votre compte.
lang-unknown = Choisissez le français ou l'anglais.
oauth-failed = La connexion par ce service a échoué. Réessayez, ou connectez-vous avec votre adresse et votre mot de passe.
oauth-cancelled = La connexion a été annulée.
oauth-unavailable = Ce service de connexion est momentanément indisponible. Réessayez plus tard.
oauth-email-unverified = Ce service ne nous a pas transmis d'adresse e-mail vérifiée. Créez un compte avec votre adresse, puis associez ce service depuis la page « Mon compte ».
error-forbidden-coordinators-only = Cette page est réservée à l'équipe de coordination du collectif.

## E-mails

mail-greeting = Bonjour { $name },
mail-link-fallback = Si le lien ne s'ouvre pas, copiez cette adresse dans votre navigateur :
mail-accounts-signature = Carrefour, le commun numérique du collectif —
mail-verify-email-subject = [Carrefour] Confirmez votre adresse e-mail
mail-verify-email-intro = Pour activer votre compte Carrefour, confirmez votre adresse en ouvrant ce lien (valable 48 heures) :
mail-verify-email-action = Confirmer mon adresse
mail-verify-email-outro = Si vous n'avez pas créé de compte, ignorez ce message : aucun compte ne sera activé sans cette confirmation.
mail-account-exists-subject = [Carrefour] Vous avez déjà un compte
mail-account-exists-intro = Quelqu'un, peut-être vous, a voulu créer un compte Carrefour avec cette adresse, qui en a déjà un. Si c'était vous, connectez-vous simplement ; si vous avez oublié votre mot de passe, demandez-en un nouveau sur cette page :
mail-account-exists-action = Mot de passe oublié
mail-account-exists-outro = Si ce n'était pas vous, ignorez ce message : votre compte n'a pas été modifié.
mail-reset-password-subject = [Carrefour] Choisir un nouveau mot de passe
mail-reset-password-intro = Vous avez demandé à changer le mot de passe de votre compte Carrefour. Ouvrez ce lien pour en choisir un nouveau (il est valable une heure et ne sert qu'une fois) :
mail-reset-password-action = Choisir un nouveau mot de passe
mail-reset-password-outro = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.
mail-change-email-subject = [Carrefour] Confirmez votre nouvelle adresse e-mail
mail-change-email-intro = Vous avez demandé à utiliser cette adresse pour votre compte Carrefour. Ouvrez ce lien pour confirmer le changement (il est valable 48 heures) :
mail-change-email-action = Confirmer ma nouvelle adresse
mail-change-email-outro = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : aucune adresse ne sera modifiée.

account-deleted = Votre compte a été supprimé. Les contenus des partenaires restent en place.
email-same = Cette adresse est déjà celle de votre compte.
