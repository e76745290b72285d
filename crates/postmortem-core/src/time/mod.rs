//! Reading and showing times: zones and stamps (`zones`), an offset from UTC
//! as written (`offset`), the one reader of a
//! typed time in its context (`clock`), and the pieces of times and dates as
//! people write them in running text (`words`). Nothing here knows a file
//! format or an importer.

pub mod clock;
pub mod offset;
pub mod words;
pub mod zones;
