//! Partners' tags become thesaurus terms: consolidation maps the tags that name one term
//! on their own and queues the rest in the partner's space with their counts; an editor
//! maps queued tags and the projects follow; coordinators grow the thesaurus.
mod support;

use std::time::Duration;

use carrefour::consolidation::service::consolidate_source;
use carrefour::entities::{project, project_attribution, project_term, raw_record, tag_mapping};
use carrefour::entities::{source, taxonomy_term};
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use support::{Browser, TestApp};

/// A live record of `source` with `fields`, waiting for consolidation.
async fn record(db: &DatabaseConnection, src: &source::Model, identity: &str, fields: Value) {
    support::records::record(db, src.id, identity, fields).await;
}

async fn project_titled(db: &DatabaseConnection, title: &str) -> project::Model {
    project::Entity::find()
        .filter(project::Column::Title.eq(title))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no project {title}"))
}

/// The project's term codes in order.
async fn terms_of(db: &DatabaseConnection, project_id: i64) -> Vec<String> {
    project_term::Entity::find()
        .filter(project_term::Column::ProjectId.eq(project_id))
        .order_by_asc(project_term::Column::Position)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.term_code)
        .collect()
}

async fn mapping(db: &DatabaseConnection, partner_id: i64, tag: &str) -> tag_mapping::Model {
    tag_mapping::Entity::find()
        .filter(tag_mapping::Column::PartnerId.eq(partner_id))
        .filter(tag_mapping::Column::Tag.eq(tag))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no mapping of {tag}"))
}

/// `(tag, count)` of the rows of a table of the tags page, in order.
fn rows(html: &str, selector: &str) -> Vec<(String, String)> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .map(|row| {
            let attr = |name: &str| row.value().attr(name).unwrap_or_default().to_owned();
            (attr("data-tag"), attr("data-count"))
        })
        .collect()
}

/// The selected option of the select named `name`.
fn selected(html: &str, name: &str) -> Option<String> {
    let document = scraper::Html::parse_document(html);
    let selector =
        scraper::Selector::parse(&format!("select[name=\"{name}\"] option[selected]")).unwrap();
    document
        .select(&selector)
        .next()
        .and_then(|o| o.value().attr("value").map(str::to_owned))
}

/// A signed-in coordinator.
async fn coordinator(app: &TestApp) -> Browser {
    const PASSWORD: &str = "mot de passe solide";
    let email = "coordination@collectif.fr";
    support::fixtures::user(&app.state.db, email, Some(PASSWORD), true).await;
    let browser = app.new_browser();
    let csrf = browser.csrf_token("/connexion").await;
    let signed = browser
        .post_form(
            "/connexion",
            &[("_csrf", &csrf), ("email", email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(signed.status(), 303);
    browser
}

#[tokio::test]
async fn tags_are_mapped_on_consolidation_and_the_rest_queued_for_editors() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let alpha = support::fixtures::partner(db, "alpha", "active").await;
    let beta = support::fixtures::partner(db, "beta", "active").await;
    let src = support::fixtures::source(
        db,
        alpha.id,
        "site",
        r#"{"kind": "feed", "url": "https://alpha.example.org/rss"}"#,
    )
    .await;
    record(
        db,
        &src,
        "1",
        json!({
            "title": "Atelier vélo des Pentes",
            "themes": ["Tiers-lieux", "économie circulaire", "Vélo-cargo solidaire"],
            "publics": "Les jeunes; Numérique inclusion",
            "structure_type": "SCOP",
        }),
    )
    .await;
    record(
        db,
        &src,
        "2",
        json!({
            "title": "Garage solidaire",
            "themes": ["Mobilité solidaire", "Velo-cargo solidaires"],
            "structure_type": "Association",
        }),
    )
    .await;
    consolidate_source(db, src.id).await.unwrap();

    // Matched on their own: case, accents, plural, article, acronym; a sub-theme brings
    // its theme; themes come before publics; the structure type is the project's.
    let first = project_titled(db, "Atelier vélo des Pentes").await;
    assert_eq!(
        terms_of(db, first.id).await,
        ["TER-TIERS-LIEUX", "TER", "ECO", "PUB-JEUNES"]
    );
    assert_eq!(first.structure_code.as_deref(), Some("STR-SCOP"));
    let second = project_titled(db, "Garage solidaire").await;
    assert_eq!(
        terms_of(db, second.id).await,
        ["MOB-MOBILITE-SOLIDAIRE", "MOB"]
    );
    assert_eq!(second.structure_code.as_deref(), Some("STR-ASSOCIATION"));
    // Unknown and ambiguous tags are queued; the raw tags stay on the listing.
    let unknown = mapping(db, alpha.id, "Vélo-cargo solidaire").await;
    assert_eq!(
        (unknown.term_code.as_deref(), unknown.how.as_str()),
        (None, "auto")
    );
    let ambiguous = mapping(db, alpha.id, "Numérique inclusion").await;
    assert_eq!(ambiguous.term_code, None);
    let listing = project_attribution::Entity::find()
        .filter(project_attribution::Column::ProjectId.eq(first.id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(listing.partner_tags.contains("Vélo-cargo solidaire"));

    // The queue, most frequent first, with the number of records carrying each tag.
    let editor = app
        .member_browser(alpha.id, "editrice@alpha.fr", "editor")
        .await;
    let (_, html) = editor.page("/p/alpha").await;
    assert!(
        support::texts(&html, "[data-testid=queued-tags]")[0].starts_with("2 de vos étiquettes")
    );
    let (status, html) = editor.page("/p/alpha/etiquettes").await;
    assert_eq!(status, 200);
    assert_eq!(
        rows(&html, "[data-testid=tag-row]"),
        [
            ("Vélo-cargo solidaire".to_owned(), "2".to_owned()),
            ("Numérique inclusion".to_owned(), "1".to_owned()),
        ]
    );
    assert!(
        html.contains("href=\"/p/alpha/etiquettes\""),
        "linked from the space"
    );

    // A refused value: nothing saved, the page comes back with what was chosen.
    let csrf = support::extract_csrf(&html).unwrap();
    let unknown_field = format!("map-{}", unknown.id);
    let ambiguous_field = format!("map-{}", ambiguous.id);
    let refused = editor
        .post_form(
            "/p/alpha/etiquettes",
            &[
                ("_csrf", &csrf),
                (&unknown_field, "PAS-UN-TERME"),
                (&ambiguous_field, "NUM-INCLUSION"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("existe pas dans le thésaurus"), "{html}");
    assert_eq!(
        selected(&html, &ambiguous_field).as_deref(),
        Some("NUM-INCLUSION")
    );
    assert_eq!(
        mapping(db, alpha.id, "Numérique inclusion").await.term_code,
        None
    );

    // Without the form's token, nothing happens.
    let forged = editor
        .post_form("/p/alpha/etiquettes", &[(&unknown_field, "MOB-VELO")])
        .await;
    assert_eq!(forged.status(), 403);

    // Mapped in one submission: both projects carrying the tag get the term.
    let saved = editor
        .post_form(
            "/p/alpha/etiquettes",
            &[
                ("_csrf", &csrf),
                (&unknown_field, "MOB-VELO"),
                (&ambiguous_field, "ignore"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(
        terms_of(db, first.id).await,
        [
            "TER-TIERS-LIEUX",
            "TER",
            "ECO",
            "MOB-VELO",
            "MOB",
            "PUB-JEUNES"
        ]
    );
    assert_eq!(
        terms_of(db, second.id).await,
        ["MOB-MOBILITE-SOLIDAIRE", "MOB", "MOB-VELO"]
    );
    let decided = mapping(db, alpha.id, "Vélo-cargo solidaire").await;
    assert_eq!(
        (decided.term_code.as_deref(), decided.how.as_str()),
        (Some("MOB-VELO"), "manual")
    );
    assert!(decided.decided_by.is_some());
    assert_eq!(
        mapping(db, alpha.id, "Numérique inclusion").await.how,
        "ignored"
    );
    let (_, html) = editor.page("/p/alpha/etiquettes").await;
    assert!(rows(&html, "[data-testid=tag-row]").is_empty());
    assert_eq!(selected(&html, &unknown_field).as_deref(), Some("MOB-VELO"));

    // Another partner neither sees nor changes alpha's mappings; members do not map.
    let outsider = app
        .member_browser(beta.id, "editeur@beta.fr", "editor")
        .await;
    let (status, _) = outsider.page("/p/alpha/etiquettes").await;
    assert_eq!(status, 403);
    let (status, html) = outsider.page("/p/beta/etiquettes").await;
    assert_eq!(status, 200);
    assert!(!html.contains("Vélo-cargo"));
    let csrf = support::extract_csrf(&html).unwrap();
    let meddling = outsider
        .post_form(
            "/p/beta/etiquettes",
            &[("_csrf", &csrf), (&unknown_field, "ECO")],
        )
        .await;
    assert_eq!(meddling.status(), 404);
    assert_eq!(
        mapping(db, alpha.id, "Vélo-cargo solidaire")
            .await
            .term_code
            .as_deref(),
        Some("MOB-VELO")
    );
    let member = app
        .member_browser(alpha.id, "membre@alpha.fr", "member")
        .await;
    assert_eq!(member.page("/p/alpha/etiquettes").await.0, 403);

    // The record goes: the terms its tags brought go with it.
    raw_record::Entity::update_many()
        .col_expr(
            raw_record::Column::GoneAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(raw_record::Column::Identity.eq("2"))
        .exec(db)
        .await
        .unwrap();
    consolidate_source(db, src.id).await.unwrap();
    // Archived, it keeps what it had, like the rest of its content.
    assert_eq!(
        terms_of(db, second.id).await,
        ["MOB-MOBILITE-SOLIDAIRE", "MOB", "MOB-VELO"]
    );
    let (_, html) = editor.page("/p/alpha/etiquettes").await;
    assert!(html.contains("data-tag=\"Vélo-cargo solidaire\""));
    assert_eq!(
        rows(&html, "[data-testid=mapped-row]")
            .into_iter()
            .find(|(tag, _)| tag == "Vélo-cargo solidaire")
            .map(|(_, count)| count)
            .as_deref(),
        Some("1"),
        "only live listings count"
    );
}

#[tokio::test]
async fn coordinators_grow_the_thesaurus_and_queued_tags_follow() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let alpha = support::fixtures::partner(db, "alpha", "active").await;
    let src = support::fixtures::source(
        db,
        alpha.id,
        "site",
        r#"{"kind": "feed", "url": "https://alpha.example.org/rss"}"#,
    )
    .await;
    record(
        db,
        &src,
        "1",
        json!({"title": "Cargos du Rhône", "themes": ["Vélos-cargos"]}),
    )
    .await;
    consolidate_source(db, src.id).await.unwrap();
    let project = project_titled(db, "Cargos du Rhône").await;
    assert!(terms_of(db, project.id).await.is_empty());

    let coordination = coordinator(&app).await;
    let (status, html) = coordination.page("/coordination/thesaurus").await;
    assert_eq!(status, 200);
    assert!(html.contains("data-code=\"ECO-REEMPLOI\""));
    let csrf = support::extract_csrf(&html).unwrap();

    // A bad code is refused with a localised message; what was typed stays.
    let new_term = |code: &'static str, vocabulary: &'static str, parent: &'static str| {
        vec![
            ("code", code),
            ("vocabulary", vocabulary),
            ("parent_code", parent),
            ("label_fr", "Vélo-cargo"),
            ("label_en", "Cargo bike"),
            ("synonyms", "Biporteur\n\nTriporteur"),
        ]
    };
    let post = |fields: Vec<(&'static str, &'static str)>, lang: &'static str| {
        let mut fields: Vec<(&str, &str)> = fields;
        fields.push(("_csrf", csrf.as_str()));
        coordination
            .client
            .post(coordination.url("/coordination/thesaurus"))
            .header("accept-language", lang)
            .form(&fields)
            .send()
    };
    let refused = post(new_term("mob cargo", "theme", "MOB"), "fr")
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Le code ne peut contenir"), "{html}");
    assert!(html.contains("value=\"Vélo-cargo\""));
    assert!(html.contains("value=\"mob cargo\""));
    let refused = post(new_term("MOB--CARGO", "theme", "MOB"), "en")
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("The code may only contain")
    );
    let taken = post(new_term("ECO", "theme", ""), "fr").await.unwrap();
    assert_eq!(taken.status(), 422);
    assert!(taken.text().await.unwrap().contains("déjà utilisé"));
    for (vocabulary, parent) in [
        ("public", "MOB"),
        ("theme", "MOB-VELO"),
        ("theme", "PUB-FEMMES"),
    ] {
        let refused = post(new_term("MOB-CARGO", vocabulary, parent), "fr")
            .await
            .unwrap();
        assert_eq!(refused.status(), 422, "{vocabulary} under {parent}");
    }
    assert!(
        taxonomy_term::Entity::find_by_id("MOB-CARGO".to_owned())
            .one(db)
            .await
            .unwrap()
            .is_none()
    );

    // Added: the queued tag now names it, and the project follows.
    let added = post(new_term("MOB-CARGO", "theme", "MOB"), "fr")
        .await
        .unwrap();
    assert_eq!(added.status(), 303);
    let term = taxonomy_term::Entity::find_by_id("MOB-CARGO".to_owned())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(term.parent_code.as_deref(), Some("MOB"));
    assert_eq!(term.synonyms, "Biporteur\nTriporteur");
    let mut terms = Vec::new();
    for _ in 0..200 {
        terms = terms_of(db, project.id).await;
        if !terms.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(terms, ["MOB-CARGO", "MOB"]);
    assert_eq!(
        mapping(db, alpha.id, "Vélos-cargos")
            .await
            .term_code
            .as_deref(),
        Some("MOB-CARGO")
    );

    // Labels and synonyms change; a missing label is refused, the rest kept.
    let edit = |fields: Vec<(&'static str, &'static str)>| {
        let mut fields: Vec<(&str, &str)> = fields;
        fields.push(("_csrf", csrf.as_str()));
        coordination
            .client
            .post(coordination.url("/coordination/thesaurus/ECO"))
            .form(&fields)
            .send()
    };
    let refused = edit(vec![
        ("label_fr", " "),
        ("label_en", "Circular economy and reuse"),
        ("synonyms", ""),
    ])
    .await
    .unwrap();
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Ce champ est obligatoire"));
    assert!(html.contains("value=\"Circular economy and reuse\""));
    let saved = edit(vec![
        ("label_fr", "Économie circulaire et réemploi"),
        ("label_en", "Circular economy and reuse"),
        ("synonyms", "Recyclage\nRéparation"),
    ])
    .await
    .unwrap();
    assert_eq!(saved.status(), 303);
    let eco = taxonomy_term::Entity::find_by_id("ECO".to_owned())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(eco.label_fr, "Économie circulaire et réemploi");
    assert_eq!(eco.synonyms, "Recyclage\nRéparation");
    let missing = coordination
        .post_form(
            "/coordination/thesaurus/NOPE",
            &[("_csrf", &csrf), ("label_fr", "x"), ("label_en", "x")],
        )
        .await;
    assert_eq!(missing.status(), 404);

    // Only coordinators.
    let editor = app
        .member_browser(alpha.id, "editrice@alpha.fr", "editor")
        .await;
    assert_eq!(editor.page("/coordination/thesaurus").await.0, 403);
}
