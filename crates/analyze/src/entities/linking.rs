//! Linking one mention in context: its knowledge-base candidates scored by name, kind, the fit
//! of a title before it with the entry's role, and where the article is (the places and
//! countries its unambiguous mentions name); the confidence of each link.

use super::*;

/// A candidate is taken when it scores at least this ...
pub(super) const ACCEPT_MIN: f32 = 0.5;

/// (for names found by title cues or NER, this) ...
pub(super) const ACCEPT_OTHER_MIN: f32 = 0.7;

/// ... and at least this much above the second candidate.
pub(super) const MARGIN: f32 = 0.08;

/// Where an article is (see [`EntityLinker::whereabouts`]).
#[derive(Debug, Default)]
pub(super) struct Whereabouts {
    /// Mentions placing the article in each place or country (by entry).
    pub(super) counts: HashMap<u32, u32>,
    /// Mentions that name a country (directly or through their own country).
    pub(super) countries: u32,
    /// A Hindi article.
    pub(super) hindi: bool,
}

/// Context scores of a candidate (see [`EntityLinker::context_fit`]): its parent place named,
/// its country named, its country not named in an article that names others (a person, who may
/// be abroad, less), an everyday-word alias without its country, and India for a Hindi article
/// that names no country.
pub(super) const PARENT_FIT: f32 = 0.3;

pub(super) const COUNTRY_FIT: f32 = 0.1;

pub(super) const COUNTRY_MISFIT: f32 = 0.25;

pub(super) const COUNTRY_MISFIT_WORD: f32 = 0.55;

pub(super) const PERSON_ABROAD: f32 = 0.1;

pub(super) const COMMON_ALIAS_MISFIT: f32 = 0.3;

pub(super) const HOME_FIT: f32 = 0.03;

pub(super) const INDIA: &str = "place:country:india";

/// Confidences of links that are not scored: a demonym, a surname given to the full name
/// before it, a surname whose title fits one person, a surname alone.
pub(super) const DEMONYM_CONFIDENCE: f32 = 0.9;

pub(super) const JOINED_CONFIDENCE: f32 = 0.8;

pub(super) const TITLE_FIT_CONFIDENCE: f32 = 0.75;

pub(super) const SURNAME_CONFIDENCE: f32 = 0.6;

/// The confidence of a knowledge-base link from its score and the runner-up's: a clear,
/// uncontested match is near 1; a bare pass over the bar with a close second near 0.4.
pub(super) fn link_confidence(top: f32, second: f32) -> f32 {
    let margin = ((top - second) / 0.3).clamp(0.0, 1.0);
    (0.7 * top.clamp(0.0, 1.0) + 0.3 * margin).clamp(0.0, 1.0)
}

/// The confidence of a one-word new entity only the model found, with no fuller name in the
/// article: under [`khabar_model::CONFIDENT`].
pub(super) const LONE_GUESS_CONFIDENCE: f32 = 0.55;

/// The confidence of a new entity: a name after a title is a person for sure; a model's guess
/// is surer the more words it spans; a knowledge-base name whose entries the context could not
/// tell apart is a coin toss.
pub(super) fn new_confidence(c: &Cand, had_candidates: bool) -> f32 {
    let words = (c.end - c.start) as f32;
    match c.source {
        Source::Cue => 0.8,
        Source::Ner => (0.5 + 0.1 * words).min(0.8),
        _ if had_candidates => 0.45,
        _ => 0.55,
    }
}

/// What a mention was linked to before the article's mentions are joined.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Link {
    Kb(u32),
    New,
}

impl EntityLinker {
    /// Where the article is: the countries and places its unambiguous knowledge-base mentions
    /// put it in. A place counts for itself, its parent and its country; a person or an
    /// organisation for its country and parent. A name that fits entries of several countries
    /// (`Congress`) counts for none.
    pub(super) fn whereabouts(&self, chosen: &[Cand], language: &str) -> Whereabouts {
        let mut wh = Whereabouts {
            hindi: language.starts_with("hi"),
            ..Whereabouts::default()
        };
        for c in chosen {
            if !matches!(
                c.source,
                Source::Exact | Source::Demonym | Source::Acronym | Source::Key
            ) || c.surname_only
            {
                continue;
            }
            let countries: HashSet<u32> = c
                .entries
                .iter()
                .filter_map(|&e| self.country_of(e))
                .collect();
            if countries.len() != 1 {
                continue;
            }
            if let [ei] = c.entries[..] {
                let e = self.entry(ei);
                if e.kind == EntityKind::Place {
                    *wh.counts.entry(ei).or_default() += 1;
                }
                if let Some(p) = e.parent.as_deref().and_then(|p| self.by_id.get(p)) {
                    *wh.counts.entry(*p).or_default() += 1;
                }
            }
            for cty in countries {
                if !c.entries.contains(&cty) {
                    *wh.counts.entry(cty).or_default() += 1;
                }
                wh.countries += 1;
            }
        }
        wh
    }

    /// The country of an entry: itself for a country, else its `country`.
    pub(super) fn country_of(&self, ei: u32) -> Option<u32> {
        let e = self.entry(ei);
        if e.kind == EntityKind::Place && e.subtype.as_deref() == Some("country") {
            return Some(ei);
        }
        e.country
            .as_deref()
            .and_then(|c| self.by_id.get(c).copied())
    }

    /// How well an entry fits where the article is: its parent place named (`अमरावती` with
    /// `महाराष्ट्र`), its country named or not; a name that is also an everyday English word
    /// (`Treasury`) needs its country named.
    pub(super) fn context_fit(&self, ei: u32, span_text: &str, wh: &Whereabouts) -> f32 {
        let e = self.entry(ei);
        let mut fit = 0.0;
        let parent_named = e
            .parent
            .as_deref()
            .and_then(|p| self.by_id.get(p))
            .is_some_and(|p| wh.counts.contains_key(p));
        if parent_named {
            fit += PARENT_FIT;
        }
        let country = self.country_of(ei);
        let named = country.is_some_and(|c| wh.counts.contains_key(&c));
        let is_country = country == Some(ei);
        let word = !span_text.contains(' ') && is_latin(span_text);
        if named && !is_country {
            fit += COUNTRY_FIT;
        } else if country.is_some() && !is_country && wh.countries >= 2 && !named {
            fit -= if e.kind == EntityKind::Person {
                PERSON_ABROAD
            } else if word {
                // one word (`House`, `Senate`) names a body of the article's own country
                COUNTRY_MISFIT_WORD
            } else {
                COUNTRY_MISFIT
            };
        }
        // A town named by an everyday word (`Center`) needs its state named too.
        let local = e.kind == EntityKind::Place && !is_country && !parent_named;
        if word && (!named || local) && khabar_kb::is_common_en_word(span_text) {
            fit -= COMMON_ALIAS_MISFIT;
        }
        if wh.hindi && wh.countries == 0 && country.is_some_and(|c| self.entry(c).id == INDIA) {
            fit += HOME_FIT;
        }
        fit
    }

    /// The title (`राष्ट्रपति`, `उप रक्षा मंत्री`, `President`) right before token `i`, if any.
    pub(super) fn title_before(&self, toks: &[Tok], i: usize) -> Option<String> {
        if i == 0 || !self.title_ends.contains(toks[i - 1].key) {
            return None;
        }
        let mut best = None;
        for k in 1..=3 {
            if k > i {
                break;
            }
            let phrase: Vec<&str> = toks[i - k..i].iter().map(|t| t.text).collect();
            let phrase = phrase.join(" ");
            if self.is_title(&phrase) {
                best = Some(phrase);
            }
        }
        best
    }

    /// The entity a mention names: a knowledge-base entry when one is clearly best.
    pub(super) fn link_one(
        &self,
        span_text: &str,
        c: &Cand,
        title: Option<&str>,
        wh: &Whereabouts,
    ) -> (Link, EntityKind, f32) {
        let mut scored: Vec<(f32, u32)> = Vec::new();
        // Names after titles and NER spans that matched no knowledge-base name as a whole could
        // only get a fuzzy likeness from a lookup, which is not enough to link them.
        let mut cands = if matches!(c.source, Source::Cue | Source::Ner) {
            Vec::new()
        } else {
            self.lookup(span_text)
        };
        if cands.is_empty() && c.source == Source::Acronym {
            cands = self.kb.lookup_acronym(span_text);
        }
        for cand in &cands {
            if let Some(&ei) = self.by_id.get(cand.id.as_str()) {
                scored.push((cand.score, ei));
            }
        }
        for &ei in &c.entries {
            if !scored.iter().any(|s| s.1 == ei) {
                scored.push((0.9 * self.entry(ei).prior(), ei));
            }
        }
        let hint = c.kind;
        let single = c.end - c.start == 1;
        scored.retain(|&(_, ei)| {
            let e = self.entry(ei);
            // An untyped Wikidata label is taken only for a longer name matched exactly.
            // and a name after a person's title (`Mr. Jordan`, `Mr. Bloomberg`) is a person,
            // never a place or a body of that name
            let wrong_kind = (c.source == Source::Cue || title.is_some_and(personal_title))
                && e.kind != EntityKind::Person;
            !(weak(e) && single || wrong_kind)
        });
        for s in scored.iter_mut() {
            let e = self.entry(s.1);
            if let Some(k) = hint {
                if k != e.kind {
                    s.0 *= 0.6;
                }
            }
            if let Some(t) = title {
                match titles::title_fits(e, t) {
                    Some(true) => s.0 += 0.2,
                    Some(false) => s.0 -= 0.15,
                    None => {}
                }
                if e.kind != EntityKind::Person {
                    s.0 -= 0.2;
                }
            }
            s.0 += self.context_fit(s.1, span_text, wh);
        }
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| self.entry(a.1).id.cmp(&self.entry(b.1).id))
        });
        // Entries sharing one id cannot happen; equal scores of two entries are ambiguous.
        // A surname alone (one the knowledge base does not list as a name by itself) is not
        // linked on its own: many people share it (`ठाकुर`, `अंबानी`). It joins a full name
        // in the article, or is linked when a title before it fits one person's role.
        if c.surname_only {
            let fitting: Vec<u32> = scored
                .iter()
                .filter(|&&(_, ei)| {
                    title.is_some_and(|t| titles::title_fits(self.entry(ei), t) == Some(true))
                })
                .map(|&(_, ei)| ei)
                .collect();
            return match fitting.as_slice() {
                [one] => (Link::Kb(*one), self.entry(*one).kind, TITLE_FIT_CONFIDENCE),
                _ => (Link::New, EntityKind::Person, SURNAME_CONFIDENCE),
            };
        }
        let top = scored.first().copied();
        let second = scored.get(1).map(|s| s.0).unwrap_or(0.0);
        // A name the knowledge base did not match itself needs more than a fuzzy likeness.
        let min = if matches!(c.source, Source::Cue | Source::Ner) {
            ACCEPT_OTHER_MIN
        } else {
            ACCEPT_MIN
        };
        match top {
            Some((s, ei)) if s >= min && s - second >= MARGIN => {
                let mut confidence = link_confidence(s, second);
                // A name alike by sound only, not spelled as the knowledge base spells it
                // (`उत्तर खीरी` is not `उत्तर कोरिया`), with nothing else in the article for it:
                // a guess, shown only on request. (The mention itself counts once in the
                // article's whereabouts: named again elsewhere, the entity is there twice.)
                let fit = self.context_fit(ei, span_text, wh);
                let supported = fit > HOME_FIT || wh.counts.get(&ei).is_some_and(|&n| n >= 2);
                if c.source == Source::Key
                    && s - fit < super::coreference::VARIANT_MIN
                    && !supported
                {
                    confidence = confidence.min(LONE_GUESS_CONFIDENCE);
                }
                (Link::Kb(ei), self.entry(ei).kind, confidence)
            }
            _ => (
                Link::New,
                if title.is_some_and(personal_title) {
                    EntityKind::Person
                } else {
                    hint.or_else(|| top.map(|t| self.entry(t.1).kind))
                        .unwrap_or(EntityKind::Other)
                },
                new_confidence(c, top.is_some()),
            ),
        }
    }

    pub(super) fn kb_ref(&self, ei: u32) -> EntityRef {
        let e = self.entry(ei);
        EntityRef {
            id: EntityId(e.id.clone()),
            kind: e.kind,
            name: e.name_en.clone(),
            name_hi: e.name_hi.clone(),
            in_kb: true,
            key: self.name_key(&e.name_en),
            confidence: 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::entities::testing::*;

    /// Names alike by sound only: a part of a district named by direction (`उत्तर खीरी`) is no
    /// sure link to North Korea, an adjective (`कट्टर`, "hardline") is not the surname Khattar,
    /// and the country named in full elsewhere in the article keeps its variant sure.
    #[test]
    fn names_alike_only_by_sound_are_no_sure_links() {
        let ms = link_with_ner(
            "लखीमपुर में शिकारियों ने उत्तर खीरी के जंगल में तेंदुए को फंसा दिया। वन अधिकारी ने कहा \
             कि कट्टर शिकारी गिरोह सक्रिय है।",
            "hi",
        );
        for m in &ms {
            assert!(
                !(id(m) == "place:country:north-korea" && m.confidence >= khabar_model::CONFIDENT),
                "{m:?}"
            );
            assert_ne!(id(m), "person:manohar-lal-khattar", "{m:?}");
        }
        let ms = link_with_ner(
            "कज़ाख़स्तान में हिंसा के बाद कज़ाख़स्तान गणराज्य के राष्ट्रपति ने आपातकाल लगाया।",
            "hi",
        );
        let full = find(&ms, "कज़ाख़स्तान गणराज्य");
        assert_eq!(id(full), "place:country:kazakhstan");
        assert!(full.confidence >= khabar_model::CONFIDENT, "{full:?}");
    }

    #[test]
    fn short_institution_names_link_by_the_article_country() {
        let us = "Donald Trump met Nancy Pelosi in Washington. Congress passed the bill, and the \
                  Supreme Court heard the case. Trump's aides said Congress would act.";
        let (ms, _) = link(us);
        let congress: Vec<&str> = ms.iter().filter(|m| m.text == "Congress").map(id).collect();
        assert_eq!(congress, ["org:united-states-congress"; 2]);
        assert_eq!(
            id(find(&ms, "Supreme Court")),
            "org:supreme-court-of-the-united-states"
        );
        // the possessive is not part of the name
        assert_eq!(id(find(&ms, "Trump")), "person:donald-trump");
        assert!(ms.iter().all(|m| !m.text.ends_with("'s")), "{ms:#?}");
        let india =
            "Rahul Gandhi spoke in the Lok Sabha in New Delhi. Congress walked out, and the \
                     Supreme Court will hear the plea.";
        let (ms, _) = link(india);
        assert_eq!(id(find(&ms, "Congress")), "org:indian-national-congress");
        assert_eq!(id(find(&ms, "Supreme Court")), "org:supreme-court-of-india");
        // with no country named, the two are not told apart: no link is better than a wrong one
        let (ms, _) = link("Congress met on Tuesday.");
        let m = find(&ms, "Congress");
        assert!(!id(m).starts_with("org:"), "{m:?}");
        assert!(m.confidence < khabar_model::CONFIDENT, "{m:?}");
    }

    #[test]
    fn a_place_name_shared_inside_a_country_is_decided_by_the_other_places() {
        let (ms, _) = link("महाराष्ट्र के अमरावती में बारिश हुई।");
        assert_eq!(id(find(&ms, "अमरावती")), "place:district:amravati");
        let (ms, _) = link("आंध्र प्रदेश की राजधानी अमरावती में बैठक हुई।");
        assert_eq!(id(find(&ms, "अमरावती")), "place:city:amaravati");
    }
}
