// Included by nothing, and not self-contained: std::mutex is not declared.
inline std::mutex orphan_mu;
