import './app/engine';
import './styles.css';

// The engine worker starts above, as this small first chunk runs: DuckDB-WASM downloads and
// compiles while the app's own (larger) chunk is fetched and read.
void import('./mount').then((m) => m.mount());
