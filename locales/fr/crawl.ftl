# Problems met while crawling a source (crawl reports, configuration tests).
crawl-error-blocked = adresse refusée : { $detail }
crawl-error-robots = le fichier robots.txt du site n'autorise pas la lecture de cette page
crawl-error-unreachable = le site ne répond pas (son robots.txt est injoignable) ; il sera réessayé
crawl-error-too-large = la page dépasse { $limit } octets
crawl-error-too-many-redirects = plus de { $max } redirections
crawl-error-redirect-loop = les redirections reviennent à { $url }
crawl-error-http = le serveur a répondu { $status } ({ $reason })
crawl-error-http-bare = le serveur a répondu { $status }
crawl-error-timeout = le serveur a mis trop de temps à répondre
crawl-error-network = erreur réseau : { $detail }
crawl-error-rate-limited = le site demande de ralentir
crawl-error-rate-limited-after = le site demande de ralentir (nouvel essai après { $secs } s)
crawl-error-invalid-url = adresse invalide : { $detail }
crawl-error-not-json = la réponse n'est pas du JSON valide : { $detail }
crawl-error-items-path-nowhere = le chemin des éléments « { $path } » ne mène nulle part dans la réponse
crawl-error-items-path-not-list = le chemin des éléments « { $path } » mène à { $found ->
    [number] un nombre
    [text] un texte
    [object] un objet
    [boolean] un booléen
   *[null] une valeur nulle
} et non à une liste
crawl-error-item-without-id = un élément sans identifiant au chemin « { $path } » a été ignoré
crawl-error-feed-entry-without-link = une entrée du flux sans lien ni identifiant a été ignorée : { $title }
crawl-error-not-a-feed = le document n'est pas un flux RSS ou Atom lisible : { $detail }
crawl-error-feed-broken = le flux est interrompu : { $detail }
crawl-error-no-jsonld = aucun objet schema.org JSON-LD sur la page
crawl-error-encoding-unknown = encodage de caractères inconnu « { $label } »
crawl-error-separator = le séparateur « { $separator } » n'est pas un caractère simple
crawl-error-csv-header = la ligne d'en-tête est illisible : { $detail }
crawl-error-csv-empty = le fichier est vide ou n'a pas de ligne d'en-tête
crawl-error-csv-row = la ligne { $line } est illisible : { $detail }
crawl-error-csv-columns = colonnes absentes du fichier : { $missing } ; ses colonnes sont : { $columns }
crawl-error-row-without-id = ligne { $line } ignorée : pas de valeur dans la colonne d'identifiant
crawl-error-row-duplicate = ligne { $line } ignorée : une autre ligne a déjà l'identifiant « { $identity } »
crawl-error-record-missing = la page n'a pas changé mais sa fiche est introuvable ; elle sera relue à la prochaine collecte
crawl-error-no-file = la source n'a ni adresse de fichier ni fichier déposé
crawl-error-config = la configuration de la source est invalide : { $detail }
crawl-error-rules = règles de lecture invalides : { $detail }
crawl-error-url-pattern = motif d'adresse invalide : { $detail }
crawl-error-unexpected = erreur inattendue : { $detail }
