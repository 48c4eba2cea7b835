//! The city's texts in two languages: a topic and its updates translated
//! into Spanish, read in the reader's language or as written, with the
//! translation's sections the original's one to one; and what a
//! translation that does not fit is told.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

const SLUG: &str = "snow-parking";

fn topic() -> Value {
    json!({
        "slug": SLUG,
        "title": "Snow Parking",
        "summary": "Where to park when it snows.",
        "opens_at": days_from_now(-1),
        "closes_at": days_from_now(30),
        "time_zone": "America/Chicago",
        "host": {"name": "Alex Rivera", "role": "Superintendent"},
        "draft_title": "Snow Ordinance",
        "draft": "## Purpose\n\nClear streets.\n\n## Parking\n\n### Odd and even days\n\nPark on the odd side.\n",
        "require_verified_email": false,
        "polls": [{"question": "Which rule?", "options": ["Odd/even", "Routes"],
            "translations": {"es": {"question": "¿Qué regla?", "options": ["Par/impar", "Rutas"]}}}],
        "translations": {"es": {
            "title": "Estacionamiento con nieve",
            "summary": "Dónde estacionarse cuando nieva.",
            "draft_title": "Ordenanza de nieve",
            "draft": "## Propósito\n\nCalles despejadas.\n\n## Estacionamiento\n\n### Días pares e impares\n\nEstaciónese del lado impar.\n",
        }},
    })
}

/// GET `path` of the API as a reader whose browser asks for `lang`.
async fn read_in(app: &TestApp, path: &str, lang: &str) -> Value {
    let response = app
        .http
        .get(app.url(path))
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    response.json().await.unwrap()
}

fn headings(topic: &Value) -> Vec<(String, String, String)> {
    topic["draft"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let text = |k: &str| s[k].as_str().unwrap().to_string();
            (text("anchor"), text("number"), text("heading"))
        })
        .collect()
}

#[tokio::test]
async fn a_translated_topic_is_read_in_the_readers_language_or_as_written() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let created = app.post("/topics", Some(&admin), &topic()).await;
    assert_eq!(created.status(), StatusCode::CREATED);

    let path = format!("/topics/{SLUG}");
    let spanish = read_in(&app, &path, "es-MX,es;q=0.9").await;
    assert_eq!(spanish["title"], "Estacionamiento con nieve");
    assert_eq!(spanish["lang"], "es");
    assert_eq!(spanish["original_lang"], "en");
    assert_eq!(spanish["translations"], json!(["es"]));
    assert_eq!(spanish["draft"]["title"], "Ordenanza de nieve");
    assert_eq!(spanish["draft"]["lang"], "es");
    assert!(
        spanish["summary_html"]
            .as_str()
            .unwrap()
            .contains("Dónde estacionarse")
    );
    let english = read_in(&app, &path, "en").await;
    assert_eq!(english["title"], "Snow Parking");
    assert_eq!(english["lang"], "en");
    assert_eq!(english["draft"]["lang"], "en");
    assert_eq!(english["translations"], json!(["es"]));
    // The same sections, at the same anchors and numbers, in either.
    let ours: Vec<_> = headings(&spanish);
    let theirs: Vec<_> = headings(&english);
    assert_eq!(
        ours.iter().map(|(a, n, _)| (a, n)).collect::<Vec<_>>(),
        theirs.iter().map(|(a, n, _)| (a, n)).collect::<Vec<_>>()
    );
    assert_eq!(ours[2].0, "parking--odd-and-even-days");
    assert_eq!(ours[2].2, "Días pares e impares");
    assert_eq!(theirs[2].2, "Odd and even days");
    // The original, whatever the reader's language.
    let original = read_in(&app, &format!("{path}?original"), "es").await;
    assert_eq!(original["title"], "Snow Parking");
    assert_eq!(original["lang"], "en");
    assert_eq!(original["draft"]["sections"][0]["heading"], "Purpose");
    // The list, in the reader's language.
    let list = read_in(&app, "/topics", "es").await;
    let listed = list["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["slug"] == SLUG)
        .unwrap()
        .clone();
    assert_eq!(listed["title"], "Estacionamiento con nieve");
    assert_eq!(listed["lang"], "es");
    // Its polls too, each option in its place.
    let polls = read_in(&app, &format!("{path}/polls"), "es").await;
    assert_eq!(polls["polls"][0]["question"], "¿Qué regla?");
    assert_eq!(polls["polls"][0]["lang"], "es");
    assert_eq!(polls["polls"][0]["options"][1]["label"], "Rutas");
    let original = read_in(&app, &format!("{path}/polls?original"), "es").await;
    assert_eq!(original["polls"][0]["question"], "Which rule?");
    assert_eq!(original["polls"][0]["lang"], "en");
    assert_eq!(
        original["polls"][0]["options"][1]["id"],
        polls["polls"][0]["options"][1]["id"]
    );
    // A topic the city did not translate is as written, and says so.
    let untranslated = read_in(&app, &format!("/topics/{UPCOMING}"), "es").await;
    assert_eq!(untranslated["lang"], "en");
    assert_eq!(untranslated["translations"], json!([]));
}

#[tokio::test]
async fn a_translation_that_does_not_fit_the_original_is_refused_whole() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let cases = [
        (
            json!({"es": {"title": "T", "summary": "S", "draft_title": "D",
                "draft": "## Propósito\n\nCalles.\n"}}),
            "translations.es.draft: A translated draft has the original’s sections, one to one \
             and in order: this one has 1 where the original has 3.",
        ),
        (
            json!({"es": {"title": "T", "summary": "S", "draft_title": "D",
                "draft": "## Propósito\n\nA.\n\n## Estacionamiento\n\nB.\n\n## Días\n\nC.\n"}}),
            "translations.es.draft: The translation’s heading “Días” stands where the original \
             has “Odd and even days” (§ 2.1) at another heading level: use the original’s levels.",
        ),
        (
            json!({"es": {"title": "T", "summary": "S", "draft_title": "D"}}),
            "translations.es.draft: Give the translated draft’s title and its text together, \
             or neither.",
        ),
        (
            json!({"en": {"title": "T", "summary": "S"}}),
            "translations.en: The topic is written in English: a translation is into another \
             language, such as es.",
        ),
        (
            json!({"es": {"title": "", "summary": "S"}}),
            "translations.es.title:",
        ),
    ];
    for (translations, expected) in cases {
        let mut bad = topic();
        bad["translations"] = translations;
        let refused = app.post("/topics", Some(&admin), &bad).await;
        let detail = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(detail.starts_with(expected), "{detail}");
    }
    let mut bad = topic();
    bad["polls"][0]["translations"]["es"]["options"] = json!(["Par/impar"]);
    let detail = problem(
        app.post("/topics", Some(&admin), &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        detail,
        "polls[0].translations.es.options: A translated poll has the original’s options, one \
         to one and in order: this one has 1 where the original has 2."
    );
    // A language Pulse does not speak is a mistake too, never a 5xx.
    let mut bad = topic();
    bad["translations"] = json!({"fr": {"title": "T", "summary": "S"}});
    let refused = app.post("/topics", Some(&admin), &bad).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Nothing half-written.
    let missing = app.get(&format!("/topics/{SLUG}"), None).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    // Without a draft, a translation is its title and summary only.
    let mut plain = topic();
    plain["translations"] = json!({"es": {"title": "Estacionamiento", "summary": "Nieve."}});
    assert_eq!(
        app.post("/topics", Some(&admin), &plain).await.status(),
        StatusCode::CREATED
    );
    let spanish = read_in(&app, &format!("/topics/{SLUG}"), "es").await;
    assert_eq!(spanish["title"], "Estacionamiento");
    assert_eq!(spanish["lang"], "es");
    assert_eq!(spanish["draft"]["lang"], "en");
    assert_eq!(spanish["draft"]["sections"][0]["heading"], "Purpose");
}

#[tokio::test]
async fn an_update_is_posted_with_its_translation_and_read_in_either() {
    let app = spawn_app().await;
    let host = app.demo_host().await;
    let path = format!("/topics/{OPEN}/updates");
    let bad = app
        .post(
            &path,
            Some(&host),
            &json!({"title": "New dates", "body": "Later.",
                "translations": {"es": {"title": " ", "body": "Más tarde."}}}),
        )
        .await;
    let detail = problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(detail.starts_with("translations.es.title:"), "{detail}");
    let before: Value = app.get_json(&format!("/topics/{OPEN}"), None).await;
    assert_eq!(
        before["updates"].as_array().unwrap().len(),
        1,
        "nothing written"
    );

    let posted = app
        .post(
            &path,
            Some(&host),
            &json!({"title": "New dates", "body": "Later, on **May 1**.",
                "translations": {"es": {"title": "Nuevas fechas", "body": "Más tarde, el **1 de mayo**."}}}),
        )
        .await;
    assert_eq!(posted.status(), StatusCode::CREATED);
    let spanish = read_in(&app, &format!("/topics/{OPEN}"), "es").await;
    assert_eq!(spanish["updates"][0]["title"], "Nuevas fechas");
    assert_eq!(spanish["updates"][0]["lang"], "es");
    assert!(
        spanish["updates"][0]["body_html"]
            .as_str()
            .unwrap()
            .contains("<strong>1 de mayo</strong>")
    );
    let english = read_in(&app, &format!("/topics/{OPEN}"), "en").await;
    assert_eq!(english["updates"][0]["title"], "New dates");
    assert_eq!(english["updates"][0]["lang"], "en");
    // The demo's April update is translated too.
    assert_eq!(spanish["updates"][1]["lang"], "es");
    assert_eq!(
        spanish["updates"][1]["title"],
        "Novedades de la reunión del Concejo Municipal del 11 de abril"
    );
}

#[tokio::test]
async fn a_quote_is_kept_in_the_language_it_was_taken_from() {
    let app = spawn_app().await;
    let ana = app.register_in("Ana", "es").await;
    let post = |quote: &str| json!({"section": SECTION_3, "body": "¿Quién decide?", "quote": {"exact": quote}});
    let send = |body: Value| {
        let cookie = format!("{}; pulse_lang=es", ana.cookie);
        let request = app
            .http
            .post(app.url(&format!("/topics/{OPEN}/comments")))
            .header("cookie", cookie)
            .json(&body);
        async move { request.send().await.unwrap() }
    };
    let spanish = send(post("cuando es seguro hacerlo")).await;
    assert_eq!(spanish.status(), StatusCode::CREATED);
    let spanish: Value = spanish.json().await.unwrap();
    assert_eq!(spanish["quote_lang"], "es");
    assert_eq!(spanish["lang"], "es");
    // Read on the original and quoted from it, on the same Spanish page.
    let english = send(post("when it is safe to do so")).await;
    assert_eq!(english.status(), StatusCode::CREATED);
    let english: Value = english.json().await.unwrap();
    assert_eq!(english["quote_lang"], "en");
    // Words in neither are refused.
    let neither = send(post("words found in no text at all")).await;
    problem(neither, StatusCode::UNPROCESSABLE_ENTITY).await;
    // Everyone reads each quote with its language.
    let list: Value = app
        .get_json(
            &format!("/topics/{OPEN}/comments?section={SECTION_3}"),
            None,
        )
        .await;
    let langs: Vec<_> = list["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["quote_lang"].clone())
        .collect();
    assert!(langs.contains(&json!("es")) && langs.contains(&json!("en")));
}

#[tokio::test]
async fn a_translation_stays_with_the_version_it_translates() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    assert_eq!(
        app.post("/topics", Some(&admin), &topic()).await.status(),
        StatusCode::CREATED
    );
    let revised = app
        .post(
            &format!("/topics/{SLUG}/versions"),
            Some(&admin),
            &json!({
                "draft": "## Purpose\n\nClear streets fast.\n\n## Parking\n\n### Odd and even days\n\nPark on the odd side.\n",
                "note": "Faster.",
            }),
        )
        .await;
    assert_eq!(revised.status(), StatusCode::CREATED);
    // Spanish readers see version 2 as written, told that the translation
    // is of version 1, which they can still read translated.
    let spanish = read_in(&app, &format!("/topics/{SLUG}"), "es").await;
    assert_eq!(spanish["draft"]["version"], 2);
    assert_eq!(spanish["draft"]["lang"], "en");
    assert_eq!(spanish["draft"]["translation_of"], 1);
    assert_eq!(spanish["title"], "Estacionamiento con nieve");
    let first = read_in(&app, &format!("/topics/{SLUG}?version=1"), "es").await;
    assert_eq!(first["draft"]["lang"], "es");
    assert_eq!(first["draft"]["sections"][0]["heading"], "Propósito");
    assert!(first["draft"].get("translation_of").is_none());
    let english = read_in(&app, &format!("/topics/{SLUG}"), "en").await;
    assert!(english["draft"].get("translation_of").is_none());
}

#[tokio::test]
async fn a_topics_translations_are_edited_and_a_revised_draft_translated() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let mut new = topic();
    new["polls"]
        .as_array_mut()
        .unwrap()
        .push(json!({"question": "Tow?", "options": ["Yes", "No"]}));
    let created = app.post("/topics", Some(&admin), &new).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let path = format!("/topics/{SLUG}");
    let setup_path = format!("{path}/setup");

    // The edit form is given the translations as written, whole.
    let setup: Value = app.get_json(&setup_path, Some(&admin)).await;
    assert_eq!(setup["translations"], new["translations"]);
    assert_eq!(
        setup["polls"][0]["translations"],
        new["polls"][0]["translations"]
    );
    assert!(setup["polls"][1].get("translations").is_none(), "{setup}");

    // Sent back as it came, nothing changes.
    let same = json!({"polls": setup["polls"], "translations": setup["translations"]});
    assert_eq!(
        app.patch(&path, Some(&admin), &same).await.status(),
        StatusCode::OK
    );
    let log: Value = app.get_json("/audit?action=edit_topic", Some(&admin)).await;
    assert_eq!(log["entries"][0]["subject"], Value::Null, "{log}");

    // A translated draft that does not fit is refused, and nothing written.
    let mut bad = setup["translations"].clone();
    bad["es"]["title"] = json!("Nieve");
    bad["es"]["draft"] = json!("## Propósito\n\nCalles.\n");
    let refused = app
        .patch(
            &path,
            Some(&admin),
            &json!({"translations": bad, "title": "Snow"}),
        )
        .await;
    let detail = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(detail.starts_with("translations.es.draft:"), "{detail}");
    let spanish = read_in(&app, &path, "es").await;
    assert_eq!(spanish["title"], "Estacionamiento con nieve");
    assert_eq!(read_in(&app, &path, "en").await["title"], "Snow Parking");

    // A vote in each poll: the first's translation no longer changes; the
    // second may be given one.
    let voter = app.register("Ana").await;
    for index in 0..2 {
        let poll = app.poll_of(SLUG, index).await;
        let ballot = app
            .put(
                &format!("/polls/{}/ballot", poll["id"]),
                Some(&voter),
                &json!({"options": [poll["options"][0]["id"]]}),
            )
            .await;
        assert!(ballot.status().is_success());
    }
    let mut polls = setup["polls"].clone();
    polls[0]["translations"]["es"]["question"] = json!("¿Cuál regla?");
    let refused = app
        .patch(&path, Some(&admin), &json!({"polls": polls}))
        .await;
    let detail = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(detail.starts_with("polls[0].translations.es:"), "{detail}");
    let mut polls = setup["polls"].clone();
    polls[0]["translations"] = json!({});
    let refused = app
        .patch(&path, Some(&admin), &json!({"polls": polls}))
        .await;
    problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    let mut polls = setup["polls"].clone();
    polls[1]["translations"] = json!({"es": {"question": "¿Grúa?", "options": ["Sí", "No"]}});
    let added = app
        .patch(&path, Some(&admin), &json!({"polls": polls}))
        .await;
    assert_eq!(added.status(), StatusCode::OK);
    let spanish_polls = read_in(&app, &format!("{path}/polls"), "es").await;
    assert_eq!(spanish_polls["polls"][1]["question"], "¿Grúa?");
    let kept: Value = app.get_json(&setup_path, Some(&admin)).await;
    assert_eq!(kept["poll_ballots"], json!([1, 1]), "the ballots stay");

    // A revised draft is read in Spanish once its translation is given:
    // the earlier version keeps its own.
    let revised = app
        .post(
            &format!("{path}/versions"),
            Some(&admin),
            &json!({"draft": "## Purpose\n\nClear streets.\n\n## Parking\n\n### Odd and even days\n\nPark on the odd side.\n\n## Towing\n\nCars left are towed.\n",
                    "note": "Towing added."}),
        )
        .await;
    assert_eq!(revised.status(), StatusCode::CREATED);
    let spanish = read_in(&app, &path, "es").await;
    assert_eq!(
        spanish["draft"]["lang"], "en",
        "version 2 is not translated yet"
    );
    let setup: Value = app.get_json(&setup_path, Some(&admin)).await;
    assert!(setup["translations"]["es"]["draft"].is_null(), "{setup}");
    let mut translations = setup["translations"].clone();
    translations["es"]["draft_title"] = json!("Ordenanza de nieve");
    translations["es"]["draft"] = json!(
        "## Propósito\n\nCalles despejadas.\n\n## Estacionamiento\n\n### Días pares e impares\n\nEstaciónese del lado impar.\n\n## Grúa\n\nSe remolcan los autos.\n"
    );
    let done = app
        .patch(&path, Some(&admin), &json!({"translations": translations}))
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    let spanish = read_in(&app, &path, "es").await;
    assert_eq!(spanish["draft"]["lang"], "es");
    assert_eq!(spanish["draft"]["sections"][3]["heading"], "Grúa");
    assert_eq!(spanish["draft"]["sections"][3]["anchor"], "towing");
    let first = read_in(&app, &format!("{path}?version=1"), "es").await;
    assert_eq!(first["draft"]["sections"][0]["heading"], "Propósito");
    let log: Value = app.get_json("/audit?action=edit_topic", Some(&admin)).await;
    assert_eq!(log["entries"][0]["subject"], "translations", "{log}");

    // Left out, a language is no longer translated.
    let done = app
        .patch(&path, Some(&admin), &json!({"translations": {}}))
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    let spanish = read_in(&app, &path, "es").await;
    assert_eq!(spanish["title"], "Snow Parking");
    assert_eq!(spanish["translations"], json!([]));
    assert_eq!(spanish["draft"]["lang"], "en");

    // Only admins edit.
    let host = app.demo_host().await;
    let refused = app
        .patch(&path, Some(&host), &json!({"translations": {}}))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}
