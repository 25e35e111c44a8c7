//! Counting ballots: for / against / abstain with quorum and threshold, majority judgment
//! (merit profiles, majority grades, ranking by majority value) and approval voting.
//! Pure functions: the same code computes the published result and lets anyone recompute
//! it from the downloaded ballots.
use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// How a vote is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// For / against / abstain.
    YesNo,
    /// Every option graded from Excellent to À rejeter; ranked by majority value.
    MajorityJudgment,
    /// Every option approved or not; ranked by approvals.
    Approval,
}

impl Method {
    pub const ALL: [Method; 3] = [Method::YesNo, Method::MajorityJudgment, Method::Approval];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::YesNo => "yes_no",
            Method::MajorityJudgment => "majority_judgment",
            Method::Approval => "approval",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// Whether the vote is between options (rather than on one text).
    pub fn has_options(self) -> bool {
        self != Method::YesNo
    }
}

/// A yes/no ballot's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YesNo {
    For,
    Against,
    Abstain,
}

impl YesNo {
    pub const ALL: [YesNo; 3] = [YesNo::For, YesNo::Against, YesNo::Abstain];

    pub fn as_str(self) -> &'static str {
        match self {
            YesNo::For => "for",
            YesNo::Against => "against",
            YesNo::Abstain => "abstain",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == text)
    }
}

/// A majority-judgment grade, from worst (`ToReject`, 0) to best (`Excellent`, 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    ToReject,
    Insufficient,
    Passable,
    FairlyGood,
    Good,
    VeryGood,
    Excellent,
}

impl Grade {
    /// Best first, as ballots show them.
    pub const BEST_FIRST: [Grade; 7] = [
        Grade::Excellent,
        Grade::VeryGood,
        Grade::Good,
        Grade::FairlyGood,
        Grade::Passable,
        Grade::Insufficient,
        Grade::ToReject,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    fn from_index(index: usize) -> Grade {
        Self::BEST_FIRST[6 - index]
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::VeryGood => "very_good",
            Grade::Good => "good",
            Grade::FairlyGood => "fairly_good",
            Grade::Passable => "passable",
            Grade::Insufficient => "insufficient",
            Grade::ToReject => "to_reject",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::BEST_FIRST.into_iter().find(|g| g.as_str() == text)
    }
}

/// What one ballot says, stored as JSON (`{"yes_no":"for"}`, `{"grades":[…]}` in option
/// order, `{"approved":[0,2]}` option positions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    YesNo(YesNo),
    Grades(Vec<Grade>),
    Approved(Vec<u32>),
}

impl Choice {
    /// The stored form (also what commitments hash).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a choice always serialises")
    }

    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// Whether this choice fits a vote of `method` on `options` options.
    pub fn fits(&self, method: Method, options: usize) -> bool {
        match (self, method) {
            (Choice::YesNo(_), Method::YesNo) => true,
            (Choice::Grades(grades), Method::MajorityJudgment) => grades.len() == options,
            (Choice::Approved(approved), Method::Approval) => {
                let mut seen = approved.clone();
                seen.sort_unstable();
                seen.dedup();
                seen.len() == approved.len() && approved.iter().all(|&p| (p as usize) < options)
            }
            _ => false,
        }
    }
}

/// The numbers a vote is counted with, read from the charter version in force at opening.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Share of the electorate that must cast a ballot.
    pub quorum: f64,
    /// Share of `for` among `for + against` to reach.
    pub threshold: f64,
    /// Qualified majorities need at least `threshold`; ordinary ones more than it.
    pub qualified: bool,
}

/// How a vote ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Adopted,
    Rejected,
    NoQuorum,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Adopted => "adopted",
            Outcome::Rejected => "rejected",
            Outcome::NoQuorum => "no_quorum",
        }
    }
}

/// Shares are compared at the charter's precision (four decimals), so that the written
/// `0.6667` means two thirds: 2 for and 1 against reach it. With fewer than 3,000
/// ballots no share below two thirds rounds up to it.
fn rounded(share: f64) -> f64 {
    (share * 10_000.0).round() / 10_000.0
}

/// Counts of a yes/no vote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YesNoCounts {
    #[serde(rename = "for")]
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
    /// `for / (for + against)`, when anyone took sides.
    pub share_for: Option<f64>,
}

/// One option's standing in a majority-judgment or approval vote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionResult {
    pub position: u32,
    pub label: String,
    /// Majority judgment: how many ballots gave each grade, best first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merit_profile: Option<Vec<u32>>,
    /// Majority judgment: the lower median grade.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub majority_grade: Option<Grade>,
    /// Approval: how many ballots approved it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approvals: Option<u32>,
    /// 1 for the first; options that tie share a rank.
    pub rank: u32,
}

/// The published result of a vote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub method: Method,
    pub electorate: u32,
    pub ballots: u32,
    /// `ballots / electorate`.
    pub participation: f64,
    pub thresholds: Thresholds,
    pub quorum_reached: bool,
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yes_no: Option<YesNoCounts>,
    /// Options best first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<OptionResult>>,
}

/// Counts `choices` (choices that do not fit the vote are a caller's error and ignored).
pub fn count(
    method: Method,
    labels: &[String],
    electorate: u32,
    thresholds: Thresholds,
    choices: &[Choice],
) -> Tally {
    let valid: Vec<&Choice> = choices
        .iter()
        .filter(|c| c.fits(method, labels.len()))
        .collect();
    let ballots = valid.len() as u32;
    let participation = if electorate == 0 {
        0.0
    } else {
        f64::from(ballots) / f64::from(electorate)
    };
    let quorum_reached = electorate > 0 && rounded(participation) >= thresholds.quorum;
    let mut tally = Tally {
        method,
        electorate,
        ballots,
        participation,
        thresholds,
        quorum_reached,
        outcome: Outcome::NoQuorum,
        yes_no: None,
        options: None,
    };
    match method {
        Method::YesNo => {
            let counts = yes_no_counts(&valid);
            let passes = counts.share_for.is_some_and(|share| {
                let share = rounded(share);
                if thresholds.qualified {
                    share >= thresholds.threshold
                } else {
                    share > thresholds.threshold
                }
            });
            tally.outcome = match (quorum_reached, passes) {
                (false, _) => Outcome::NoQuorum,
                (true, true) => Outcome::Adopted,
                (true, false) => Outcome::Rejected,
            };
            tally.yes_no = Some(counts);
        }
        Method::MajorityJudgment => {
            tally.options = Some(majority_judgment(labels, &valid));
            tally.outcome = ranking_outcome(quorum_reached, ballots);
        }
        Method::Approval => {
            tally.options = Some(approval(labels, &valid));
            tally.outcome = ranking_outcome(quorum_reached, ballots);
        }
    }
    tally
}

fn ranking_outcome(quorum_reached: bool, ballots: u32) -> Outcome {
    match (quorum_reached, ballots) {
        (false, _) => Outcome::NoQuorum,
        (true, 0) => Outcome::Rejected,
        (true, _) => Outcome::Adopted,
    }
}

fn yes_no_counts(choices: &[&Choice]) -> YesNoCounts {
    let mut counts = YesNoCounts {
        for_: 0,
        against: 0,
        abstain: 0,
        share_for: None,
    };
    for choice in choices {
        match choice {
            Choice::YesNo(YesNo::For) => counts.for_ += 1,
            Choice::YesNo(YesNo::Against) => counts.against += 1,
            Choice::YesNo(YesNo::Abstain) => counts.abstain += 1,
            _ => {}
        }
    }
    let sides = counts.for_ + counts.against;
    if sides > 0 {
        counts.share_for = Some(f64::from(counts.for_) / f64::from(sides));
    }
    counts
}

/// How many ballots gave each grade to an option, indexed by `Grade::index` (worst first).
pub type Profile = [u32; 7];

/// The grade at `k` (0-based) in the option's grades sorted from worst to best.
fn nth_grade(profile: &Profile, k: u32) -> Grade {
    let mut seen = 0;
    for (index, count) in profile.iter().enumerate() {
        seen += count;
        if k < seen {
            return Grade::from_index(index);
        }
    }
    unreachable!("k is below the number of grades")
}

/// The majority grade: the lower median of the grades (for an even number of grades,
/// the worse of the two middle ones). `None` without grades.
pub fn majority_grade(profile: &Profile) -> Option<Grade> {
    let total: u32 = profile.iter().sum();
    (total > 0).then(|| nth_grade(profile, (total - 1) / 2))
}

/// The majority value, lazily: the majority grade, then the majority grade once that
/// judgment is removed, and so on. Removing medians always takes the grades next to the
/// ones already removed, so the removed part of the sorted grades stays one contiguous
/// run `lo..hi`; each step reads one grade from the profile.
struct MajorityValue<'a> {
    profile: &'a Profile,
    total: u32,
    lo: u32,
    hi: u32,
}

impl<'a> MajorityValue<'a> {
    fn new(profile: &'a Profile) -> Self {
        let total = profile.iter().sum();
        MajorityValue {
            profile,
            total,
            lo: total,
            hi: total,
        }
    }
}

impl Iterator for MajorityValue<'_> {
    type Item = Grade;

    fn next(&mut self) -> Option<Grade> {
        let remaining = self.total - (self.hi - self.lo);
        if remaining == 0 {
            return None;
        }
        if self.lo == self.total {
            // First step: nothing removed yet.
            let median = (self.total - 1) / 2;
            self.lo = median;
            self.hi = median + 1;
            return Some(nth_grade(self.profile, median));
        }
        // The remaining grades are 0..lo and hi..total; their lower median is at
        // (remaining - 1) / 2, either just below or just above the removed run.
        let median = (remaining - 1) / 2;
        if median < self.lo {
            debug_assert_eq!(median, self.lo - 1);
            self.lo -= 1;
            Some(nth_grade(self.profile, self.lo))
        } else {
            let grade = nth_grade(self.profile, self.hi);
            self.hi += 1;
            Some(grade)
        }
    }
}

/// Compares two options by majority value (greater is better). Equal profiles tie.
pub fn compare_profiles(a: &Profile, b: &Profile) -> Ordering {
    MajorityValue::new(a).cmp(MajorityValue::new(b))
}

/// Merit profiles, majority grades and ranks, best first.
fn majority_judgment(labels: &[String], choices: &[&Choice]) -> Vec<OptionResult> {
    let mut profiles = vec![[0u32; 7]; labels.len()];
    for choice in choices {
        if let Choice::Grades(grades) = choice {
            for (profile, grade) in profiles.iter_mut().zip(grades) {
                profile[grade.index()] += 1;
            }
        }
    }
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| compare_profiles(&profiles[b], &profiles[a]).then(a.cmp(&b)));
    let ranks = ranks(&order, |a, b| {
        compare_profiles(&profiles[a], &profiles[b]) == Ordering::Equal
    });
    order
        .iter()
        .zip(ranks)
        .map(|(&i, rank)| {
            let mut best_first = profiles[i];
            best_first.reverse();
            OptionResult {
                position: i as u32,
                label: labels[i].clone(),
                merit_profile: Some(best_first.to_vec()),
                majority_grade: majority_grade(&profiles[i]),
                approvals: None,
                rank,
            }
        })
        .collect()
}

/// Competition ranks (1, 1, 3…) of options already sorted best first.
fn ranks(order: &[usize], ties: impl Fn(usize, usize) -> bool) -> Vec<u32> {
    let mut ranks: Vec<u32> = Vec::with_capacity(order.len());
    for (place, &option) in order.iter().enumerate() {
        let rank = match place {
            0 => 1,
            _ if ties(order[place - 1], option) => ranks[place - 1],
            _ => place as u32 + 1,
        };
        ranks.push(rank);
    }
    ranks
}

fn approval(labels: &[String], choices: &[&Choice]) -> Vec<OptionResult> {
    let mut approvals = vec![0u32; labels.len()];
    for choice in choices {
        if let Choice::Approved(approved) = choice {
            for &position in approved {
                approvals[position as usize] += 1;
            }
        }
    }
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| approvals[b].cmp(&approvals[a]).then(a.cmp(&b)));
    let ranks = ranks(&order, |a, b| approvals[a] == approvals[b]);
    order
        .iter()
        .zip(ranks)
        .map(|(&i, rank)| OptionResult {
            position: i as u32,
            label: labels[i].clone(),
            merit_profile: None,
            majority_grade: None,
            approvals: Some(approvals[i]),
            rank,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ORDINARY: Thresholds = Thresholds {
        quorum: 0.5,
        threshold: 0.5,
        qualified: false,
    };
    const QUALIFIED: Thresholds = Thresholds {
        quorum: 0.5,
        threshold: 0.6667,
        qualified: true,
    };

    fn yes_no(for_: usize, against: usize, abstain: usize) -> Vec<Choice> {
        let mut choices = vec![Choice::YesNo(YesNo::For); for_];
        choices.extend(vec![Choice::YesNo(YesNo::Against); against]);
        choices.extend(vec![Choice::YesNo(YesNo::Abstain); abstain]);
        choices
    }

    fn outcome(electorate: u32, thresholds: Thresholds, choices: Vec<Choice>) -> Outcome {
        count(Method::YesNo, &[], electorate, thresholds, &choices).outcome
    }

    #[test]
    fn quorum_is_reached_at_exactly_its_share() {
        // 5 of 10 is 50 %: reached; 4 of 10 is not. Abstentions count for the quorum.
        assert_eq!(outcome(10, ORDINARY, yes_no(3, 0, 2)), Outcome::Adopted);
        assert_eq!(outcome(10, ORDINARY, yes_no(3, 0, 1)), Outcome::NoQuorum);
        assert_eq!(outcome(0, ORDINARY, vec![]), Outcome::NoQuorum);
    }

    #[test]
    fn simple_majority_must_exceed_half() {
        assert_eq!(outcome(4, ORDINARY, yes_no(2, 2, 0)), Outcome::Rejected);
        assert_eq!(outcome(5, ORDINARY, yes_no(3, 2, 0)), Outcome::Adopted);
        // Abstentions do not count among the sides.
        assert_eq!(outcome(5, ORDINARY, yes_no(1, 0, 4)), Outcome::Adopted);
        assert_eq!(outcome(4, ORDINARY, yes_no(0, 0, 4)), Outcome::Rejected);
    }

    #[test]
    fn qualified_majority_is_two_thirds_inclusive() {
        assert_eq!(outcome(3, QUALIFIED, yes_no(2, 1, 0)), Outcome::Adopted);
        assert_eq!(
            outcome(300, QUALIFIED, yes_no(200, 100, 0)),
            Outcome::Adopted
        );
        assert_eq!(
            outcome(301, QUALIFIED, yes_no(200, 101, 0)),
            Outcome::Rejected
        );
        assert_eq!(
            outcome(999, QUALIFIED, yes_no(665, 334, 0)),
            Outcome::Rejected
        );
        assert_eq!(outcome(5, QUALIFIED, yes_no(3, 2, 0)), Outcome::Rejected);
    }

    fn profile_best_first(counts: [u32; 7]) -> Profile {
        let mut p = counts;
        p.reverse();
        p
    }

    /// The reference: sort the grades, remove the lower median one at a time.
    fn brute_majority_value(profile: &Profile) -> Vec<Grade> {
        let mut grades: Vec<Grade> = Vec::new();
        for (index, &count) in profile.iter().enumerate() {
            grades.extend(std::iter::repeat_n(
                Grade::from_index(index),
                count as usize,
            ));
        }
        let mut value = Vec::new();
        while !grades.is_empty() {
            grades.sort();
            let median = (grades.len() - 1) / 2;
            value.push(grades.remove(median));
        }
        value
    }

    proptest! {
        #[test]
        fn majority_value_matches_the_reference(
            a in proptest::array::uniform7(0u32..6),
            b in proptest::array::uniform7(0u32..6),
        ) {
            prop_assert_eq!(MajorityValue::new(&a).collect::<Vec<_>>(), brute_majority_value(&a));
            prop_assert_eq!(
                compare_profiles(&a, &b),
                brute_majority_value(&a).cmp(&brute_majority_value(&b))
            );
        }

        #[test]
        fn ranking_matches_the_reference(
            ballots in proptest::collection::vec(
                proptest::collection::vec(0usize..7, 4), 1..40)
        ) {
            let labels: Vec<String> = (0..4).map(|i| format!("o{i}")).collect();
            let choices: Vec<Choice> = ballots
                .iter()
                .map(|b| Choice::Grades(b.iter().map(|&g| Grade::from_index(g)).collect()))
                .collect();
            let tally = count(Method::MajorityJudgment, &labels, 40, ORDINARY, &choices);
            let options = tally.options.unwrap();
            let value = |position: u32| {
                let mut p = [0u32; 7];
                for b in &ballots {
                    p[b[position as usize]] += 1;
                }
                brute_majority_value(&p)
            };
            for pair in options.windows(2) {
                let (first, second) = (value(pair[0].position), value(pair[1].position));
                prop_assert!(first >= second);
                prop_assert_eq!(first == second, pair[0].rank == pair[1].rank);
            }
        }
    }

    #[test]
    fn lower_median_of_an_even_number_of_grades() {
        // Two Excellent, two Passable: the lower median is Passable.
        let p = profile_best_first([2, 0, 0, 0, 2, 0, 0]);
        assert_eq!(majority_grade(&p), Some(Grade::Passable));
        assert_eq!(majority_grade(&[0; 7]), None);
    }

    /// Computed by hand from the definitions (Balinski & Laraki, "A theory of measuring,
    /// electing and ranking", PNAS 2007): ten ballots, the majority grade is the fifth
    /// of the ten grades sorted from worst to best.
    #[test]
    fn majority_grades_rank_options_by_hand() {
        // Best first: Excellent, Very good, Good, Fairly good, Passable, Insufficient, To reject.
        let a = profile_best_first([3, 2, 2, 1, 1, 1, 0]);
        // 40 % Very good is not enough: half of the ballots reject it.
        let b = profile_best_first([0, 4, 1, 0, 0, 0, 5]);
        let c = profile_best_first([1, 1, 3, 1, 1, 1, 2]);
        assert_eq!(majority_grade(&a), Some(Grade::Good));
        assert_eq!(majority_grade(&b), Some(Grade::ToReject));
        assert_eq!(majority_grade(&c), Some(Grade::FairlyGood));
        assert_eq!(compare_profiles(&a, &c), Ordering::Greater);
        assert_eq!(compare_profiles(&c, &b), Ordering::Greater);
        // Majority value of A: Good, then the lower median of the nine grades left (Very
        // good), and so on outwards.
        let value: Vec<Grade> = MajorityValue::new(&a).take(4).collect();
        assert_eq!(
            value,
            [Grade::Good, Grade::VeryGood, Grade::Good, Grade::VeryGood]
        );
    }

    /// A profile from counts of grades, worst first (`[5, 5]`: five of the worst grade,
    /// five of the next one), as the examples below are written.
    fn from_counts(counts: &[u32]) -> Profile {
        let mut p = [0u32; 7];
        p[..counts.len()].copy_from_slice(counts);
        p
    }

    /// The documented examples of the `majorityjudgement` package (PyPI), which
    /// implements Balinski and Laraki's PNAS 2007 procedure: `[2, 2]` has majority value
    /// 0, 1, 0, 1, and five judgments of each of the two lowest grades rank below three
    /// and seven.
    #[test]
    fn examples_of_a_reference_implementation() {
        let value: Vec<usize> = MajorityValue::new(&from_counts(&[2, 2]))
            .map(Grade::index)
            .collect();
        assert_eq!(value, [0, 1, 0, 1]);
        let below = |a: &[u32], b: &[u32]| {
            compare_profiles(&from_counts(a), &from_counts(b)) == Ordering::Less
        };
        assert!(below(&[5, 5], &[3, 7]));
        assert!(below(&[10], &[9, 1]));
        assert!(below(&[9, 1], &[5, 5]));
        assert!(below(&[1, 1, 1, 1, 1], &[0, 1, 1, 1, 2]));
        assert!(below(&[0, 8, 4], &[0, 6, 6]));
    }

    /// Two options with the same majority grade: the tie is broken by removing one
    /// median judgment at a time (Balinski & Laraki's tie-breaking example).
    #[test]
    fn equal_majority_grades_are_separated_by_majority_value() {
        // A: Good ×3, Fairly good ×2 — median Good, then Good, Good(, Fairly good…)
        // B: Very good ×2, Good ×1, Passable ×2 — median Good, then Passable: A wins.
        let a = profile_best_first([0, 0, 3, 2, 0, 0, 0]);
        let b = profile_best_first([0, 2, 1, 0, 2, 0, 0]);
        assert_eq!(majority_grade(&a), majority_grade(&b));
        assert_eq!(compare_profiles(&a, &b), Ordering::Greater);
        let labels = vec!["B".to_owned(), "A".to_owned()];
        let mut choices = Vec::new();
        for (ga, gb) in [
            (Grade::Good, Grade::VeryGood),
            (Grade::Good, Grade::VeryGood),
            (Grade::Good, Grade::Good),
            (Grade::FairlyGood, Grade::Passable),
            (Grade::FairlyGood, Grade::Passable),
        ] {
            choices.push(Choice::Grades(vec![gb, ga]));
        }
        let tally = count(Method::MajorityJudgment, &labels, 5, ORDINARY, &choices);
        let options = tally.options.unwrap();
        assert_eq!(options[0].label, "A");
        assert_eq!((options[0].rank, options[1].rank), (1, 2));
        assert_eq!(options[0].merit_profile, Some(vec![0, 0, 3, 2, 0, 0, 0]));
    }

    #[test]
    fn approval_ranks_with_ties() {
        let labels: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let choices = vec![
            Choice::Approved(vec![0, 1]),
            Choice::Approved(vec![1, 0]),
            Choice::Approved(vec![2]),
            // Does not fit: approves one option twice.
            Choice::Approved(vec![2, 2]),
        ];
        let tally = count(Method::Approval, &labels, 4, ORDINARY, &choices);
        assert_eq!(tally.ballots, 3);
        let options = tally.options.unwrap();
        let ranks: Vec<(u32, u32, u32)> = options
            .iter()
            .map(|o| (o.position, o.approvals.unwrap(), o.rank))
            .collect();
        assert_eq!(ranks, vec![(0, 2, 1), (1, 2, 1), (2, 1, 3)]);
        assert_eq!(tally.outcome, Outcome::Adopted);
    }
}
