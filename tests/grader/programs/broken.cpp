// Does not compile (on purpose): the compiles check must report this error, trimmed.
int main() {
  int answer = "forty-two";
  return answer;
}
