//! The durable job queue: claims, leases, retries with backoff, unique keys, and no job
//! ever claimed twice at once.
mod support;

use std::collections::HashSet;

use carrefour::entities::job;
use carrefour::mail::SendMail;
use carrefour::worker::queue::{self, Job};
use carrefour::worker::scheduler::PurgeExpiredSessions;
use chrono::{Duration, Utc};
use sea_orm::EntityTrait;

fn mail(to: &str) -> SendMail {
    SendMail {
        to: to.into(),
        reply_to: None,
        subject: "Sujet".into(),
        text: "Texte".into(),
        html: None,
        list_unsubscribe: None,
    }
}

#[tokio::test]
async fn failed_jobs_are_retried_with_backoff_then_kept_as_failed() {
    let (state, _dir) = support::fresh_state().await;
    let id = queue::insert(&state.db, &mail("x@y.fr"), Utc::now(), 2)
        .await
        .unwrap()
        .unwrap();
    let claimed = queue::claim(&state.db, "w1", Duration::seconds(60))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((claimed.id, claimed.attempts), (id, 1));
    queue::fail(&state.db, &claimed, "w1", "SMTP down")
        .await
        .unwrap();
    let row = job::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "queued");
    assert_eq!(row.last_error.as_deref(), Some("SMTP down"));
    assert!(
        row.run_at > Utc::now() + Duration::seconds(3),
        "retry is delayed"
    );
    assert!(
        queue::claim(&state.db, "w1", Duration::seconds(60))
            .await
            .unwrap()
            .is_none(),
        "not due yet"
    );

    // Make it due again: the second failure is the last attempt.
    job::Entity::update(job::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        run_at: sea_orm::ActiveValue::Set(Utc::now() - Duration::seconds(1)),
        ..Default::default()
    })
    .exec(&state.db)
    .await
    .unwrap();
    let claimed = queue::claim(&state.db, "w1", Duration::seconds(60))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claimed.attempts, 2);
    queue::fail(&state.db, &claimed, "w1", "still down")
        .await
        .unwrap();
    let row = job::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "failed");
    assert_eq!(row.last_error.as_deref(), Some("still down"));
}

#[tokio::test]
async fn an_expired_lease_lets_another_worker_take_the_job() {
    let (state, _dir) = support::fresh_state().await;
    let id = queue::insert(&state.db, &mail("x@y.fr"), Utc::now(), 5)
        .await
        .unwrap()
        .unwrap();
    let first = queue::claim(&state.db, "w1", Duration::seconds(-1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.id, id);
    let second = queue::claim(&state.db, "w2", Duration::seconds(60))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((second.id, second.attempts), (id, 2));
    // The first worker lost its lease: its late completion does not count.
    queue::complete(&state.db, &first, "w1").await.unwrap();
    let row = job::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "running");
    assert_eq!(row.locked_by.as_deref(), Some("w2"));
    queue::complete(&state.db, &second, "w2").await.unwrap();
    let row = job::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "done");
}

#[tokio::test]
async fn a_unique_key_keeps_one_pending_job() {
    let (state, _dir) = support::fresh_state().await;
    let first = queue::insert(&state.db, &PurgeExpiredSessions, Utc::now(), 3)
        .await
        .unwrap();
    assert!(first.is_some());
    let second = queue::insert(&state.db, &PurgeExpiredSessions, Utc::now(), 3)
        .await
        .unwrap();
    assert!(second.is_none(), "already pending");
    let claimed = queue::claim(&state.db, "w", Duration::seconds(60))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claimed.kind, PurgeExpiredSessions::KIND);
    queue::complete(&state.db, &claimed, "w").await.unwrap();
    let third = queue::insert(&state.db, &PurgeExpiredSessions, Utc::now(), 3)
        .await
        .unwrap();
    assert!(third.is_some(), "can be queued again once done");
}

#[tokio::test]
async fn concurrent_workers_never_claim_the_same_job() {
    let (state, _dir) = support::fresh_state().await;
    for n in 0..60 {
        queue::insert(&state.db, &mail(&format!("p{n}@y.fr")), Utc::now(), 3)
            .await
            .unwrap();
    }
    let mut tasks = Vec::new();
    for w in 0..4 {
        let db = state.db.clone();
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            while let Some(job) = queue::claim(&db, &format!("w{w}"), Duration::seconds(60))
                .await
                .unwrap()
            {
                queue::complete(&db, &job, &format!("w{w}")).await.unwrap();
                mine.push(job.id);
            }
            mine
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    let distinct: HashSet<i64> = all.iter().copied().collect();
    assert_eq!(
        all.len(),
        60,
        "every job claimed once ({})",
        support::backend_name()
    );
    assert_eq!(distinct.len(), 60);
}

#[tokio::test]
async fn the_worker_delivers_queued_mail_to_the_outbox() {
    let app = support::TestApp::spawn().await;
    carrefour::worker::enqueue(&app.state, &mail("destinataire@exemple.fr"))
        .await
        .unwrap();
    let delivered = app.wait_for_mail("destinataire@exemple.fr").await;
    assert!(delivered.contains("Subject: Sujet"));
    let counts = queue::counts(&app.state.db).await.unwrap();
    assert!(
        counts.iter().any(|(status, n)| status == "done" && *n >= 1),
        "{counts:?}"
    );
}
