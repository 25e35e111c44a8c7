//! A source whose fields are not named like the project schema: its editor maps them
//! (with transforms) on the source's mapping page, previews the result on the collected
//! records, and saves; the records are then consolidated through the mapping.
mod support;

use carrefour::consolidation::service::consolidate_source;
use carrefour::entities::{project, source};
use sea_orm::EntityTrait;
use serde_json::json;
use support::TestApp;

#[tokio::test]
async fn an_editor_maps_a_sources_own_fields_onto_projects() {
    let app = TestApp::builder().spawn().await;
    let db = &app.state.db;
    let partner = support::fixtures::partner(db, "reseau-a", "active").await;
    let src = support::fixtures::site_source(db, partner.id, "Annuaire").await;
    for (n, (name, town)) in [
        ("Repair café", "Villeurbanne"),
        ("Jardin des Lilas", "Lyon"),
    ]
    .into_iter()
    .enumerate()
    {
        let fields = json!({
            "nom": name,
            "ville": [town, "Ailleurs"],
            "categorie": "Thème : Environnement ; Alimentation",
            "summary": "Un projet du quartier.",
        });
        support::records::record(db, src.id, &format!("fiche-{n}"), fields).await;
    }
    let report = consolidate_source(db, src.id).await.unwrap();
    assert_eq!(
        (report.created, report.untitled),
        (0, 2),
        "no title without a mapping"
    );

    let path = format!("/p/reseau-a/sources/{}/correspondances", src.id);
    let member = app
        .member_browser(partner.id, "membre@exemple.org", "member")
        .await;
    assert_eq!(member.get(&path).await.status(), 403);
    let editor = app
        .member_browser(partner.id, "edit@exemple.org", "editor")
        .await;
    let html = editor.get(&path).await.text().await.unwrap();
    let observed = support::texts(&html, "[data-testid=observed-field] code");
    assert_eq!(observed, ["categorie", "nom", "summary", "ville"]);

    let rules = |target: &'static str, action: &'static str| {
        vec![
            ("rule_to", target),
            ("rule_from", "nom"),
            ("rule_transform", "as_is"),
            ("rule_separator", ""),
            ("rule_strip_label", ""),
            ("rule_default", ""),
            ("rule_to", "commune"),
            ("rule_from", "ville"),
            ("rule_transform", "first"),
            ("rule_separator", ""),
            ("rule_strip_label", ""),
            ("rule_default", ""),
            ("rule_to", "themes"),
            ("rule_from", "categorie"),
            ("rule_transform", "split"),
            ("rule_separator", ";"),
            ("rule_strip_label", "Thème :"),
            ("rule_default", ""),
            ("rule_to", "structure_type"),
            ("rule_from", ""),
            ("rule_transform", "as_is"),
            ("rule_separator", ""),
            ("rule_strip_label", ""),
            ("rule_default", "Association"),
            ("action", action),
        ]
    };
    let post = |fields: Vec<(&'static str, &'static str)>| {
        let editor = &editor;
        let path = path.clone();
        async move {
            let csrf = editor.csrf_token(&path).await;
            let mut fields = fields;
            fields.push(("_csrf", Box::leak(csrf.into_boxed_str())));
            editor.post_form(&path, &fields).await
        }
    };

    // A rule without a project field is refused, with everything typed kept.
    let refused = post(rules("partout", "save")).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Choisissez un champ de la fiche projet."),
        "{html}"
    );
    assert!(html.contains("value=\"Thème :\""), "typed values are kept");

    // The preview shows what the records would become, nothing is saved.
    let shown = post(rules("title", "preview")).await;
    assert_eq!(shown.status(), 200);
    let html = shown.text().await.unwrap();
    let preview = support::texts(&html, "[data-testid=preview-record]");
    assert_eq!(preview.len(), 2, "{preview:?}");
    assert!(
        preview
            .iter()
            .any(|p| p.contains("Repair café") && p.contains("Villeurbanne")),
        "{preview:?}"
    );
    assert!(
        preview
            .iter()
            .all(|p| p.contains("Environnement | Alimentation")),
        "{preview:?}"
    );
    let stored = source::Entity::find_by_id(src.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.field_mapping, None);

    // Saved: every record is consolidated again through the mapping.
    let saved = post(rules("title", "save")).await;
    assert_eq!(saved.status(), 303);
    // (The worker may have run the queued consolidation already; running it is idempotent.)
    consolidate_source(db, src.id).await.unwrap();
    let projects = project::Entity::find().all(db).await.unwrap();
    assert_eq!(projects.len(), 2);
    let repair = projects.iter().find(|p| p.title == "Repair café").unwrap();
    assert_eq!(repair.commune_insee.as_deref(), Some("69266"));
    let html = editor.get(&path).await.text().await.unwrap();
    assert!(
        html.contains("value=\"Association\""),
        "the saved rules are shown"
    );
}
