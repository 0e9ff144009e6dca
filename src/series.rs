//! A series: the values of one indicator in one region, by year. The data layer fills it and the judging layer
//! reads it; neither owns the other.

use rust_decimal::Decimal;

/// Values of one indicator in one region, by year: sorted by year, one value a year (a later value for a year
/// replaces an earlier one). A handful of years, so a sorted vector: one allocation, searched in place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Series(Vec<(i32, Decimal)>);

impl Series {
    pub fn new() -> Series {
        Series(Vec::new())
    }

    /// The value of a year.
    pub fn get(&self, year: &i32) -> Option<&Decimal> {
        self.0.binary_search_by_key(year, |p| p.0).ok().and_then(|i| self.0.get(i)).map(|p| &p.1)
    }

    /// Sets the value of a year; returns the value it replaces.
    pub fn insert(&mut self, year: i32, value: Decimal) -> Option<Decimal> {
        match self.0.binary_search_by_key(&year, |p| p.0) {
            Ok(i) => self.0.get_mut(i).map(|p| std::mem::replace(&mut p.1, value)),
            Err(i) => {
                self.0.insert(i, (year, value));
                None
            }
        }
    }

    /// The values of the years `from..=to`, in order.
    pub fn between(&self, from: i32, to: i32) -> &[(i32, Decimal)] {
        let start = self.0.partition_point(|p| p.0 < from);
        let end = self.0.partition_point(|p| p.0 <= to).max(start);
        self.0.get(start..end).unwrap_or_default()
    }

    /// Every (year, value), in order of years.
    pub fn iter(&self) -> impl Iterator<Item = (&i32, &Decimal)> {
        self.0.iter().map(|(y, v)| (y, v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(i32, Decimal)> for Series {
    fn from_iter<I: IntoIterator<Item = (i32, Decimal)>>(iter: I) -> Series {
        let mut points: Vec<(i32, Decimal)> = iter.into_iter().collect();
        if !points.windows(2).all(|w| w[0].0 < w[1].0) {
            // Stable: of two values for a year the later stays, as with repeated inserts.
            points.sort_by_key(|p| p.0);
            let mut kept: Vec<(i32, Decimal)> = Vec::with_capacity(points.len());
            for p in points {
                match kept.last_mut() {
                    Some(last) if last.0 == p.0 => *last = p,
                    _ => kept.push(p),
                }
            }
            points = kept;
        }
        Series(points)
    }
}

impl IntoIterator for Series {
    type Item = (i32, Decimal);
    type IntoIter = std::vec::IntoIter<(i32, Decimal)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: i64) -> Decimal {
        Decimal::from(v)
    }

    #[test]
    fn a_series_keeps_years_in_order_and_the_later_of_two_values() {
        let s: Series = [(2022, d(3)), (2020, d(1)), (2022, d(4)), (2021, d(2))].into_iter().collect();
        assert_eq!(s.clone().into_iter().collect::<Vec<_>>(), vec![(2020, d(1)), (2021, d(2)), (2022, d(4))]);
        assert_eq!(s.get(&2021), Some(&d(2)));
        assert_eq!(s.get(&2019), None);
        assert_eq!(s.between(2021, 2030), &[(2021, d(2)), (2022, d(4))]);
        assert_eq!(s.between(2023, 2030), &[]);
        assert_eq!(s.between(2022, 2020), &[]);
    }

    #[test]
    fn inserting_replaces_or_keeps_the_order() {
        let mut s = Series::new();
        assert_eq!(s.insert(2025, d(5)), None);
        assert_eq!(s.insert(2020, d(1)), None);
        assert_eq!(s.insert(2025, d(6)), Some(d(5)));
        assert_eq!(s.iter().map(|(y, v)| (*y, *v)).collect::<Vec<_>>(), vec![(2020, d(1)), (2025, d(6))]);
        assert_eq!(s.len(), 2);
    }
}
