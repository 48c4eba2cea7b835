use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn option_ids(poll: &Value) -> Vec<i64> {
    poll["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect()
}

fn ballot_path(poll: &Value) -> String {
    format!("/polls/{}/ballot", poll["id"])
}

#[tokio::test]
async fn a_resident_votes_and_changes_the_vote() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let poll = app.poll_of(OPEN, 0).await;
    // Results after voting: hidden until then.
    assert_eq!(poll["results_visible"], false);
    assert_eq!(poll["options"][0]["votes"], Value::Null);
    let ids = option_ids(&poll);

    let voted: Value = app
        .put(
            &ballot_path(&poll),
            Some(&ana),
            &json!({"options": [ids[1]]}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(voted["my_choices"], json!([ids[1]]));
    assert_eq!(voted["results_visible"], true);
    assert_eq!(voted["ballots"], 1);
    assert_eq!(voted["options"][1]["votes"], 1);

    let changed: Value = app
        .put(
            &ballot_path(&poll),
            Some(&ana),
            &json!({"options": [ids[2]]}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(changed["my_choices"], json!([ids[2]]));
    assert_eq!(changed["ballots"], 1);
    assert_eq!(changed["options"][1]["votes"], 0);
    assert_eq!(changed["options"][2]["votes"], 1);

    let polls: Value = app
        .get_json(&format!("/topics/{OPEN}/polls"), Some(&ana))
        .await;
    assert_eq!(polls["polls"][0]["my_choices"], json!([ids[2]]));
    let anonymous: Value = app.get_json(&format!("/topics/{OPEN}/polls"), None).await;
    assert_eq!(anonymous["polls"][0]["results_visible"], false);
    assert_eq!(anonymous["polls"][0]["my_choices"], Value::Null);
}

#[tokio::test]
async fn a_multiple_choice_poll_takes_several_options() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let poll = app.poll_of(OPEN, 1).await;
    assert_eq!(poll["kind"], "multiple");
    assert_eq!(poll["section"], SECTION_3);
    let ids = option_ids(&poll);
    let voted: Value = app
        .put(
            &ballot_path(&poll),
            Some(&ana),
            &json!({"options": [ids[2], ids[0]]}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(voted["my_choices"], json!([ids[0], ids[2]]));
}

#[tokio::test]
async fn bad_ballots_are_refused_with_a_reason() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let poll = app.poll_of(OPEN, 0).await;
    let other = app.poll_of(OPEN, 1).await;
    let ids = option_ids(&poll);
    for (body, words) in [
        (json!({"options": []}), "Choose an option"),
        (json!({"options": [ids[0], ids[1]]}), "one choice only"),
        (
            json!({"options": [option_ids(&other)[0]]}),
            "not one of this poll",
        ),
        (json!({"options": [-1]}), "not one of this poll"),
        (json!({"options": "all"}), "invalid type"),
        (json!({"options": [ids[0]], "weight": 10}), "unknown field"),
    ] {
        let detail = problem(
            app.put(&ballot_path(&poll), Some(&ana), &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(detail.contains(words), "{body}: {detail}");
    }
    let multi = app.poll_of(OPEN, 1).await;
    let m = option_ids(&multi);
    let detail = problem(
        app.put(
            &ballot_path(&multi),
            Some(&ana),
            &json!({"options": [m[0], m[0]]}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(detail.contains("only once"), "{detail}");

    for path in [
        "/polls/999999/ballot",
        "/polls/abc/ballot",
        "/polls/-3/ballot",
    ] {
        problem(
            app.put(path, Some(&ana), &json!({"options": [ids[0]]}))
                .await,
            StatusCode::NOT_FOUND,
        )
        .await;
    }
    problem(
        app.put(&ballot_path(&poll), None, &json!({"options": [ids[0]]}))
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    let after: Value = app
        .get_json(&format!("/topics/{OPEN}/polls"), Some(&ana))
        .await;
    assert_eq!(after["polls"][0]["my_choices"], Value::Null);
    assert_eq!(after["polls"][1]["my_choices"], Value::Null);
}

#[tokio::test]
async fn ballots_are_refused_outside_the_topic_window() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let closed = app.poll_of(CLOSED, 0).await;
    // After the close, results are shown to everyone.
    assert_eq!(closed["results_visible"], true);
    let detail = problem(
        app.put(
            &ballot_path(&closed),
            Some(&ana),
            &json!({"options": [option_ids(&closed)[0]]}),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(
        detail.contains("The deadline to participate has passed"),
        "{detail}"
    );

    let upcoming = app.poll_of(UPCOMING, 0).await;
    // This topic's rule shows results always, but before it opens there is
    // nothing to count: no "0 votes · 0 %".
    assert_eq!(upcoming["results_visible"], false);
    assert_eq!(upcoming["ballots"], Value::Null);
    assert!(upcoming["options"][0]["votes"].is_null(), "{upcoming}");
    let detail = problem(
        app.put(
            &ballot_path(&upcoming),
            Some(&ana),
            &json!({"options": [option_ids(&upcoming)[0]]}),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(detail.contains("opens on"), "{detail}");
}

#[tokio::test]
async fn fifty_concurrent_ballots_from_one_account_leave_one() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let poll = app.poll_of(OPEN, 0).await;
    let ids = option_ids(&poll);
    let path = ballot_path(&poll);
    let requests = (0..50).map(|i| {
        let body = json!({"options": [ids[i % ids.len()]]});
        let (app, ana, path) = (&app, &ana, &path);
        async move { app.put(path, Some(ana), &body).await.status() }
    });
    let statuses = futures::future::join_all(requests).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );

    let polls: Value = app
        .get_json(&format!("/topics/{OPEN}/polls"), Some(&ana))
        .await;
    let poll = &polls["polls"][0];
    assert_eq!(poll["ballots"], 1);
    let total: i64 = poll["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["votes"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 1);
    assert_eq!(poll["my_choices"].as_array().unwrap().len(), 1);
}
