package io.redline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextLabelTest {

    @Test
    void addsPrefixAndSuffixOnce() {
        TextLabel l = new TextLabel("【AI生成】", "\n（本内容由AI生成）");
        String once = l.apply("今天的穿搭");
        assertThat(once).isEqualTo("【AI生成】今天的穿搭\n（本内容由AI生成）");
        assertThat(l.apply(once)).isEqualTo(once);
        assertThat(l.isApplied(once)).isTrue();
        assertThat(l.strip(once)).isEqualTo("今天的穿搭");
    }

    @Test
    void defaultIsAChinesePrefixNotice() {
        assertThat(TextLabel.DEFAULT.apply("hello")).isEqualTo("【AI生成】hello");
    }

    @Test
    void aLabelWithoutNoticesIsAProgrammerError() {
        assertThatThrownBy(() -> new TextLabel("", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
