//! The search index is derived from the database: every change of what a project shows
//! is noted in the change log, in order, for the indexers to apply.
mod support;

use carrefour::consolidation::service::consolidate_source;
use carrefour::entities::{project, search_change};
use carrefour::search::changes;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

async fn noted(db: &sea_orm::DatabaseConnection, after: i64) -> Vec<i64> {
    changes::after(db, after, 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.project_id)
        .collect()
}

#[tokio::test]
async fn consolidation_notes_every_project_it_changes() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let partner = support::fixtures::partner(db, "reseau-a", "active").await;
    let src = support::fixtures::site_source(db, partner.id, "site").await;
    assert_eq!(changes::last(db).await.unwrap(), 0);
    for (identity, title) in [("a", "Jardin des Lilas"), ("b", "Repair café")] {
        let fields = json!({"title": title, "commune": "Lyon", "themes": ["Environnement"]});
        support::records::record(db, src.id, identity, fields).await;
    }
    consolidate_source(db, src.id).await.unwrap();
    let projects = project::Entity::find().all(db).await.unwrap();
    assert_eq!(projects.len(), 2);
    let first = noted(db, 0).await;
    for p in &projects {
        assert!(first.contains(&p.id), "{} noted: {first:?}", p.title);
    }

    // Nothing changed: nothing noted. A record changed: its project is.
    let last = changes::last(db).await.unwrap();
    consolidate_source(db, src.id).await.unwrap();
    assert_eq!(changes::last(db).await.unwrap(), last);
    let fields = json!({"title": "Jardin des Lilas", "commune": "Lyon", "summary": "Nouveau"});
    support::records::record(db, src.id, "a", fields).await;
    consolidate_source(db, src.id).await.unwrap();
    let lilas = project::Entity::find()
        .filter(project::Column::Title.eq("Jardin des Lilas"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let later = noted(db, last).await;
    assert!(
        !later.is_empty() && later.iter().all(|&id| id == lilas.id),
        "{later:?}"
    );

    // Sequences only grow.
    let seqs: Vec<i64> = search_change::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.seq)
        .collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
}

/// Consolidates `(identity, fields)` records of one partner's source and indexes them.
async fn indexed(
    db: &sea_orm::DatabaseConnection,
    search: &carrefour::search::SearchIndex,
    source_id: i64,
    records: &[(&str, serde_json::Value)],
) {
    for (identity, fields) in records {
        support::records::record(db, source_id, identity, fields.clone()).await;
    }
    consolidate_source(db, source_id).await.unwrap();
    search.step(db).await.unwrap();
    search.step(db).await.unwrap();
    assert!(search.caught_up(db).await.unwrap());
}

fn criteria(text: &str) -> carrefour::search::Criteria {
    carrefour::search::Criteria {
        text: text.into(),
        ..Default::default()
    }
}

async fn titles(
    db: &sea_orm::DatabaseConnection,
    search: &carrefour::search::SearchIndex,
    criteria: carrefour::search::Criteria,
) -> Vec<String> {
    let outcome = search
        .current()
        .unwrap()
        .search(&carrefour::search::Request {
            criteria,
            sort: Default::default(),
            offset: 0,
            limit: 50,
            facets: true,
        })
        .unwrap();
    let mut titles = Vec::new();
    for hit in outcome.hits {
        let p = project::Entity::find_by_id(hit.id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        titles.push(p.title);
    }
    titles
}

#[tokio::test]
async fn french_words_find_projects_whatever_their_form() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let partner = support::fixtures::partner(db, "reseau-a", "active").await;
    let src = support::fixtures::site_source(db, partner.id, "site").await;
    indexed(
        db,
        &state.search,
        src.id,
        &[
            ("a", json!({"title": "Les Épiceries solidaires du Nord", "commune": "Lille", "summary": "Des produits à petit prix."})),
            ("b", json!({"title": "Jardin partagé de la Gare", "commune": "Lyon", "summary": "Un jardin ouvert à tous les habitants."})),
            ("c", json!({"title": "Garage solidaire", "commune": "Rennes", "summary": "Réparer sa voiture à moindre coût.", "description": "<p>Un atelier <b>mécanique</b> pour les personnes en insertion.</p>"})),
            ("d", json!({"title": "Repair café", "commune": "Nantes", "summary": "On répare ensemble, au lieu de jeter.", "themes": ["Environnement"]})),
        ],
    )
    .await;
    let search = &state.search;
    assert_eq!(
        titles(db, search, criteria("épicerie solidaire")).await,
        vec!["Les Épiceries solidaires du Nord"]
    );
    assert_eq!(
        titles(db, search, criteria("EPICERIES")).await,
        vec!["Les Épiceries solidaires du Nord"]
    );
    // Title first, then summary, then description.
    let found = titles(db, search, criteria("solidaire")).await;
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        titles(db, search, criteria("\"partagés de la gare\"")).await,
        vec!["Jardin partagé de la Gare"]
    );
    assert!(
        titles(db, search, criteria("\"jardin de la gare\""))
            .await
            .is_empty()
    );
    // A typo in a longer word.
    assert_eq!(
        titles(db, search, criteria("mecanqiue")).await,
        vec!["Garage solidaire"]
    );
    // Commune names and theme labels are words too.
    assert_eq!(
        titles(db, search, criteria("rennes")).await,
        vec!["Garage solidaire"]
    );
    assert_eq!(
        titles(db, search, criteria("environnement")).await,
        vec!["Repair café"]
    );
    // Exclusions, and stop words alone match everything.
    assert_eq!(
        titles(db, search, criteria("solidaire -garage")).await,
        vec!["Les Épiceries solidaires du Nord"]
    );
    assert_eq!(titles(db, search, criteria("les de la")).await.len(), 4);
}

fn request(criteria: carrefour::search::Criteria) -> carrefour::search::Request {
    carrefour::search::Request {
        criteria,
        sort: carrefour::search::Sort::Name,
        offset: 0,
        limit: 10_000,
        facets: true,
    }
}

/// Marks a record gone from its source, as three missed crawls would.
async fn gone(db: &sea_orm::DatabaseConnection, source_id: i64, identity: &str) {
    use carrefour::entities::raw_record;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let row = raw_record::Entity::find()
        .filter(raw_record::Column::SourceId.eq(source_id))
        .filter(raw_record::Column::Identity.eq(identity))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let mut row: raw_record::ActiveModel = row.into();
    row.gone_at = Set(Some(chrono::Utc::now()));
    row.update(db).await.unwrap();
}

#[tokio::test]
async fn archived_projects_leave_the_default_search_and_the_incremental_index_equals_a_rebuild() {
    let (state, dir) = support::fresh_state().await;
    let db = &state.db;
    let a = support::fixtures::partner(db, "reseau-a", "active").await;
    let b = support::fixtures::partner(db, "reseau-b", "active").await;
    let src_a = support::fixtures::site_source(db, a.id, "site").await;
    let src_b = support::fixtures::site_source(db, b.id, "site").await;
    indexed(
        db,
        &state.search,
        src_a.id,
        &[
            ("1", json!({"title": "Ressourcerie du Vieux-Lille", "commune": "Lille", "themes": ["Environnement"]})),
            ("2", json!({"title": "Café associatif des Pentes", "commune": "Lyon", "themes": ["Culture"]})),
            ("3", json!({"title": "Tiers-lieu de la Friche", "commune": "Rennes", "themes": ["Numérique"]})),
        ],
    )
    .await;
    indexed(
        db,
        &state.search,
        src_b.id,
        &[
            ("x", json!({"title": "Vélo-école de Brest", "commune": "Brest", "themes": ["Sport"]})),
            ("y", json!({"title": "Épicerie sociale du Port", "commune": "Marseille", "themes": ["Alimentation"]})),
        ],
    )
    .await;
    let generation = state.search.current().unwrap();
    assert_eq!(generation.count(&criteria("")).unwrap(), 5);

    // One project's only listing goes: archived, out of the default search.
    gone(db, src_a.id, "2").await;
    // Another changes; a third is renamed.
    support::records::record(db, src_a.id, "1", json!({"title": "Ressourcerie du Vieux-Lille", "commune": "Lille", "themes": ["Environnement", "Emploi"]})).await;
    support::records::record(
        db,
        src_b.id,
        "x",
        json!({"title": "Atelier vélo de Brest", "commune": "Brest", "themes": ["Sport"]}),
    )
    .await;
    consolidate_source(db, src_a.id).await.unwrap();
    consolidate_source(db, src_b.id).await.unwrap();
    state.search.step(db).await.unwrap();
    assert!(state.search.caught_up(db).await.unwrap());
    let live = state.search.current().unwrap();
    assert!(
        titles(db, &state.search, criteria("café associatif"))
            .await
            .is_empty()
    );
    let archived = carrefour::search::Criteria {
        text: "café associatif".into(),
        archived: true,
        ..Default::default()
    };
    assert_eq!(
        titles(db, &state.search, archived).await,
        vec!["Café associatif des Pentes"]
    );
    assert_eq!(
        titles(db, &state.search, criteria("atelier vélo")).await,
        vec!["Atelier vélo de Brest"]
    );
    assert!(
        titles(db, &state.search, criteria("vélo-école"))
            .await
            .is_empty()
    );

    // A rebuild from the database gives the same answers as the index kept up to date.
    let rebuilt = carrefour::search::SearchIndex::new(&dir.path().join("rebuilt"));
    rebuilt.step(db).await.unwrap();
    let fresh = rebuilt.current().unwrap();
    let emp = carrefour::search::Criteria {
        themes: vec!["EMP".into()],
        ..Default::default()
    };
    for c in [
        criteria(""),
        criteria("lille"),
        criteria("brest"),
        emp,
        carrefour::search::Criteria {
            archived: true,
            ..Default::default()
        },
    ] {
        let (x, y) = (
            live.search(&request(c.clone())).unwrap(),
            fresh.search(&request(c.clone())).unwrap(),
        );
        assert_eq!(x.total, y.total, "{c:?}");
        assert_eq!(x.hits, y.hits, "{c:?}");
        assert_eq!(x.tallies, y.tallies, "{c:?}");
    }
}

#[tokio::test]
async fn reindex_swaps_a_new_index_in_while_the_old_one_answers() {
    let (state, dir) = support::fresh_state().await;
    let db = &state.db;
    let a = support::fixtures::partner(db, "reseau-a", "active").await;
    let src = support::fixtures::site_source(db, a.id, "site").await;
    indexed(
        db,
        &state.search,
        src.id,
        &[(
            "1",
            json!({"title": "Recyclerie de Nantes", "commune": "Nantes"}),
        )],
    )
    .await;
    let before = state.search.current().unwrap();
    let built = carrefour::search::index::rebuild(db, &dir.path().join("index"), |_, _| {})
        .await
        .unwrap();
    assert_eq!(built.projects, 1);
    // The generation in use keeps answering until the node moves on…
    assert_eq!(before.count(&criteria("recyclerie")).unwrap(), 1);
    state.search.step(db).await.unwrap();
    let after = state.search.current().unwrap();
    assert_ne!(
        before.name, after.name,
        "the node moved to the new generation"
    );
    assert_eq!(after.count(&criteria("recyclerie")).unwrap(), 1);
    let generations: Vec<String> = std::fs::read_dir(dir.path().join("index"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("g-"))
        .collect();
    assert_eq!(
        generations,
        vec![after.name.clone()],
        "old generations are removed"
    );
}

/// Waits until `app`'s search API counts `expected` projects for `query`.
async fn wait_for_total(app: &support::TestApp, query: &str, expected: u64) {
    let mut last = serde_json::Value::Null;
    for _ in 0..200 {
        let body: serde_json::Value = app
            .get(&format!("/api/v1/projects?{query}"))
            .await
            .json()
            .await
            .unwrap();
        if body["total"] == expected {
            return;
        }
        last = body["total"].clone();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{}: {query} gives {last}, not {expected}", app.base);
}

#[tokio::test]
async fn two_nodes_on_one_database_converge_on_the_same_results() {
    let first = support::TestApp::spawn().await;
    let url = first.settings.database_url();
    let second = support::TestApp::builder()
        .configure(move |s| s.database.url = Some(carrefour::config::Secret::new(url)))
        .spawn()
        .await;
    assert_ne!(
        first.settings.server.data_dir, second.settings.server.data_dir,
        "an index each"
    );
    let db = &first.state.db;
    let partner = support::fixtures::partner(db, "reseau-a", "active").await;
    let src = support::fixtures::site_source(db, partner.id, "site").await;
    support::records::record(
        db,
        src.id,
        "1",
        json!({"title": "Garage solidaire de Vierzon", "commune": "Vierzon"}),
    )
    .await;
    consolidate_source(db, src.id).await.unwrap();
    for app in [&first, &second] {
        wait_for_total(app, "q=vierzon", 1).await;
    }
    gone(db, src.id, "1").await;
    consolidate_source(db, src.id).await.unwrap();
    for app in [&first, &second] {
        wait_for_total(app, "q=vierzon", 0).await;
        wait_for_total(app, "q=vierzon&archived=1", 1).await;
    }
}

#[tokio::test]
async fn the_search_page_counts_chips_suggests_and_links_similar_projects() {
    let app = support::TestApp::spawn().await;
    let db = &app.state.db;
    let partner = support::fixtures::partner(db, "reseau-a", "active").await;
    let src = support::fixtures::site_source(db, partner.id, "site").await;
    for (identity, title, commune, theme) in [
        (
            "1",
            "Repair café de la Croix-Rousse",
            "Lyon",
            "Environnement",
        ),
        ("2", "Repair café des Pentes", "Lyon", "Environnement"),
        ("3", "Épicerie solidaire de Brest", "Brest", "Alimentation"),
        ("4", "Ressourcerie brestoise", "Brest", "Environnement"),
    ] {
        let fields = json!({"title": title, "commune": commune, "themes": [theme],
            "summary": format!("{title} : réparer, réemployer et se retrouver entre voisins.")});
        support::records::record(db, src.id, identity, fields).await;
    }
    consolidate_source(db, src.id).await.unwrap();
    support::wait_indexed(&app.state).await;

    let (status, html) = app.page("/recherche?q=repair&theme=ENV").await;
    assert_eq!(status, 200);
    assert_eq!(support::texts(&html, "[data-testid=result] h3 a").len(), 2);
    assert!(
        !support::texts(&html, "[data-testid=result] mark").is_empty(),
        "the word is marked"
    );
    let chips = support::hrefs(&html, "[data-testid=chip]");
    assert_eq!(chips.len(), 2);
    assert!(
        chips.contains(&"/recherche?theme=ENV".to_owned()),
        "{chips:?}: removing the words"
    );
    assert!(
        chips.contains(&"/recherche?q=repair".to_owned()),
        "{chips:?}: removing the theme"
    );
    // The chosen theme keeps its count (counts leave out their own choice).
    let themes = support::texts(&html, "[data-facet=theme] li");
    assert_eq!(themes, vec!["Environnement et transition écologique 2"]);
    // Regions count the words and the chosen theme.
    let regions = support::texts(&html, "[data-facet=region] li");
    assert_eq!(regions.len(), 1, "{regions:?}");
    assert!(regions[0].contains("Auvergne-Rhône-Alpes") && regions[0].ends_with('2'));
    // Nothing found: the page says how to widen.
    let (_, none) = app.page("/recherche?q=repair&region=53").await;
    assert!(support::texts(&none, "[data-testid=search-empty]").len() == 1);
    assert!(
        support::hrefs(&none, "[data-testid=search-empty] a")
            .contains(&"/recherche?q=repair".to_owned())
    );

    // Suggestions while typing: titles, communes, themes.
    let (_, suggested) = app.page("/recherche/suggestions?q=repair%20ca").await;
    let links = support::texts(&suggested, "[data-testid=suggestions] a");
    assert!(
        links
            .iter()
            .any(|l| l.starts_with("Repair café de la Croix-Rousse")),
        "{links:?}"
    );
    let (_, places) = app.page("/recherche/suggestions?q=bres").await;
    assert!(
        support::hrefs(&places, "[data-testid=suggestions] a")
            .contains(&"/recherche?near=29019".to_owned())
    );
    let (_, themes) = app.page("/recherche/suggestions?q=transit").await;
    assert!(
        support::hrefs(&themes, "[data-testid=suggestions] a")
            .contains(&"/recherche?theme=ENV".to_owned())
    );
    let (_, short) = app.page("/recherche/suggestions?q=r").await;
    assert!(short.trim().is_empty(), "one letter proposes nothing");

    // A project page: a small map and similar projects; its map card.
    let lyon = project::Entity::find()
        .filter(project::Column::Title.eq("Repair café des Pentes"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let (_, page) = app
        .page(&format!("/projets/{}-{}", lyon.id, lyon.slug))
        .await;
    assert_eq!(support::texts(&page, "[data-testid=project-map]").len(), 1);
    let similar = support::texts(&page, "[data-testid=similar] a");
    assert_eq!(
        similar.first().map(String::as_str),
        Some("Repair café de la Croix-Rousse"),
        "{similar:?}"
    );
    let (status, card) = app.page(&format!("/projets/{}/apercu", lyon.id)).await;
    assert_eq!(status, 200);
    assert!(card.contains("Repair café des Pentes") && !card.contains("<html"));
    assert_eq!(app.page("/projets/999999/apercu").await.0, 404);

    // The map page carries the search for its requests.
    let (status, map) = app.page("/carte?theme=ENV").await;
    assert_eq!(status, 200);
    assert!(map.contains(r#"data-params="theme=ENV""#));
}

#[tokio::test]
async fn the_search_bench_and_its_bare_tantivy_peer_find_the_same_projects() {
    use support::projects::ProjectBuilder;
    let app = support::TestApp::spawn().await;
    let db = &app.state.db;
    let projects = [
        ("Jardin partagé des Lilas", "69123", "ALI-CIRCUITS-COURTS"),
        (
            "Épicerie solidaire de quartier",
            "69123",
            "ALI-CIRCUITS-COURTS",
        ),
        ("Soutien scolaire solidaire", "35238", "EDU-SOUTIEN"),
        ("Atelier vélo solidaire", "75056", "EDU-DECROCHAGE"),
    ];
    for (title, insee, theme) in projects {
        let p = ProjectBuilder::new(title)
            .commune(insee)
            .themes(&[theme])
            .insert(db)
            .await;
        changes::note(db, &[p.id]).await.unwrap();
    }
    support::wait_indexed(&app.state).await;
    let theme = carrefour::entities::taxonomy_term::Entity::find_by_id("ALI".to_owned())
        .one(db)
        .await
        .unwrap()
        .expect("the seeded theme ALI");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("queries.txt");
    std::fs::write(
        &file,
        format!(
            "# words[TAB criterion]\nsolidaire\nsolidaire\ttheme={}\nsolidaire\tregion=Bretagne\nsoutien scolaire\nhydrogène spatial\n",
            theme.label_fr
        ),
    )
    .unwrap();
    let queries = carrefour::search::bench::read_queries(db, &file)
        .await
        .unwrap();
    assert_eq!(queries.len(), 5);
    let ours = carrefour::search::bench::run(&app.state.search, &queries, 2).unwrap();
    let bare = carrefour::search::bench_bare::run(db, &queries, 2)
        .await
        .unwrap();
    assert_eq!((ours.documents, bare.documents), (4, 4));
    assert_eq!(ours.empty, 1, "only the last query finds nothing");
    assert_eq!(
        bare.empty, ours.empty,
        "both engines find the same queries empty"
    );
    assert_eq!(bare.engine, "bare-tantivy");
    assert!(bare.p95_ms > 0.0 && ours.p95_ms > 0.0);
}

async fn session_rows(db: &sea_orm::DatabaseConnection) -> u64 {
    use sea_orm::PaginatorTrait;
    carrefour::entities::session::Entity::find()
        .count(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn visitors_get_the_kept_answer_until_the_index_changes_and_cost_no_session() {
    let app = support::TestApp::builder()
        .configure(|settings| settings.search.page_cache_mib = 8)
        .spawn()
        .await;
    let db = &app.state.db;
    let partner = support::fixtures::partner(db, "reseau-a", "active").await;
    let src = support::fixtures::site_source(db, partner.id, "site").await;
    let garden = json!({"title": "Jardin partagé de Vierzon", "commune": "Vierzon",
        "summary": "Un jardin partagé entre voisins du quartier."});
    support::records::record(db, src.id, "1", garden).await;
    consolidate_source(db, src.id).await.unwrap();
    support::wait_indexed(&app.state).await;
    let titles = |html: &str| support::texts(html, "[data-testid=result] h3 a");

    let visitor = app.new_browser();
    let sessions_before = session_rows(db).await;
    let (status, first) = visitor.page("/recherche?q=jardin").await;
    assert_eq!(status, 200);
    assert_eq!(titles(&first), vec!["Jardin partagé de Vierzon"]);
    let api = |total: u64| {
        let visitor = &visitor;
        async move {
            let body: serde_json::Value = visitor
                .get("/api/v1/projects?q=jardin")
                .await
                .json()
                .await
                .unwrap();
            assert_eq!(body["total"], total, "{body}");
            body["items"][0]["title"].as_str().unwrap().to_owned()
        }
    };
    assert_eq!(api(1).await, "Jardin partagé de Vierzon");
    assert_eq!(
        session_rows(db).await,
        sessions_before,
        "reading pages without forms stores no session"
    );
    assert!(visitor.cookie("carrefour_session").is_none());

    // A change the index does not see (written behind its back): visitors keep the
    // answer they were given, a signed-in person reads the database.
    project::Entity::update_many()
        .col_expr(
            project::Column::Title,
            sea_orm::sea_query::Expr::value("Jardin renommé en douce"),
        )
        .exec(db)
        .await
        .unwrap();
    let (_, again) = visitor.page("/recherche?q=jardin").await;
    assert_eq!(titles(&again), vec!["Jardin partagé de Vierzon"], "kept");
    assert_eq!(api(1).await, "Jardin partagé de Vierzon", "kept");
    let member = app
        .member_browser(partner.id, "membre@reseau-a.example.org", "editor")
        .await;
    let (_, fresh) = member.page("/recherche?q=jardin").await;
    assert_eq!(titles(&fresh), vec!["Jardin renommé en douce"]);

    // A change the index sees: every visitor's answer moves at once.
    let second = json!({"title": "Jardin des Forges", "commune": "Vierzon",
        "summary": "Un jardin ouvrier devenu jardin partagé."});
    support::records::record(db, src.id, "2", second).await;
    consolidate_source(db, src.id).await.unwrap();
    support::wait_indexed(&app.state).await;
    let (_, moved) = visitor.page("/recherche?q=jardin").await;
    assert_eq!(titles(&moved).len(), 2, "{:?}", titles(&moved));
    api(2).await;

    // A page with a form keeps the token it shows, and the form is accepted.
    let sessions_before = session_rows(db).await;
    let (_, sign_in) = visitor.page("/connexion").await;
    let token = support::extract_csrf(&sign_in).expect("the sign-in form has a token");
    assert_eq!(session_rows(db).await, sessions_before + 1);
    let refused = visitor
        .post_form(
            "/connexion",
            &[
                ("_csrf", token.as_str()),
                ("email", "personne@example.org"),
                ("password", "mauvais mot"),
            ],
        )
        .await;
    assert_ne!(refused.status(), 403, "the form's token was kept");
}
