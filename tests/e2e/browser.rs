//! A thin layer over thirtyfour that waits the way a person does: after a click that
//! navigates, it waits for the *new* document before looking at it. WebDriver's own
//! `find` answers from whatever document is current, which on a slow machine is still
//! the old page right after a form submission.
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

const PATIENCE: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(100);

pub struct Browser {
    pub driver: WebDriver,
}

impl Browser {
    pub async fn goto(&self, url: String) {
        self.driver.goto(&url).await.unwrap();
        self.wait_loaded().await;
    }

    /// The first element matching `css`, waiting for it to appear.
    pub async fn el(&self, css: &str) -> WebElement {
        match self
            .driver
            .query(By::Css(css))
            .wait(PATIENCE, POLL)
            .first()
            .await
        {
            Ok(element) => element,
            Err(error) => self.fail(&format!("no element {css}: {error}")).await,
        }
    }

    pub async fn all(&self, css: &str) -> Vec<WebElement> {
        self.driver.find_all(By::Css(css)).await.unwrap()
    }

    pub async fn text(&self, css: &str) -> String {
        self.el(css).await.text().await.unwrap()
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.el(css).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Chooses the option `value` of the select `css` (scripts see a change event).
    pub async fn choose(&self, css: &str, value: &str) {
        let select = thirtyfour::components::SelectElement::new(&self.el(css).await)
            .await
            .unwrap();
        select.select_by_value(value).await.unwrap();
    }

    /// Whether the element `css` is shown (waiting for it to exist).
    pub async fn shown(&self, css: &str) -> bool {
        self.el(css).await.is_displayed().await.unwrap()
    }

    pub async fn value(&self, css: &str) -> String {
        self.el(css)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// Clicks something that loads another document (a link, a submit button) and waits
    /// until that document has replaced the current one.
    pub async fn click_and_wait(&self, css: &str) {
        let target = self.el(css).await;
        self.click_element_and_wait(target).await;
    }

    pub async fn click_link_and_wait(&self, text: &str) {
        let target = match self
            .driver
            .query(By::LinkText(text))
            .wait(PATIENCE, POLL)
            .first()
            .await
        {
            Ok(element) => element,
            Err(error) => self.fail(&format!("no link {text:?}: {error}")).await,
        };
        self.click_element_and_wait(target).await;
    }

    pub async fn click_element_and_wait(&self, target: WebElement) {
        self.driver
            .execute("window.__carrefourOldPage = true;", Vec::new())
            .await
            .unwrap();
        target.click().await.unwrap();
        let start = Instant::now();
        loop {
            let replaced = self
                .driver
                .execute(
                    "return window.__carrefourOldPage !== true && document.readyState === 'complete';",
                    Vec::new(),
                )
                .await
                .ok()
                .and_then(|ret| ret.json().as_bool())
                .unwrap_or(false);
            if replaced {
                return;
            }
            if start.elapsed() > PATIENCE {
                self.fail("the click did not load a new page").await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until `script` (a JavaScript expression) is true in the page.
    pub async fn until(&self, script: &str, what: &str) {
        let start = Instant::now();
        loop {
            let done = self
                .driver
                .execute(&format!("return !!({script});"), Vec::new())
                .await
                .ok()
                .and_then(|r| r.json().as_bool())
                .unwrap_or(false);
            if done {
                return;
            }
            if start.elapsed() > PATIENCE {
                self.fail(what).await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub async fn path(&self) -> String {
        self.driver.current_url().await.unwrap().path().to_string()
    }

    async fn wait_loaded(&self) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            let complete = self
                .driver
                .execute("return document.readyState === 'complete';", Vec::new())
                .await
                .ok()
                .and_then(|ret| ret.json().as_bool())
                .unwrap_or(false);
            if complete {
                return;
            }
            tokio::time::sleep(POLL).await;
        }
        self.fail("the page did not finish loading").await;
    }

    /// Panics with what the browser shows, so a failure in CI can be understood.
    pub async fn fail(&self, what: &str) -> ! {
        let url = self
            .driver
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default();
        let body = self
            .driver
            .find(By::Css("body"))
            .await
            .ok()
            .map(|body| async move { body.text().await.unwrap_or_default() });
        let body = match body {
            Some(text) => text.await,
            None => String::new(),
        };
        let body: String = body.chars().take(3000).collect();
        panic!("{what}\n  at {url}\n  page text:\n{body}");
    }

    pub async fn quit(self) {
        self.driver.quit().await.unwrap();
    }
}
