// The start-up floor: a Swift program with no imports, built as Tresor is built.
print("hello")
