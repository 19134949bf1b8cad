package handlers

import (
	"testing"

	"estimator/views"
)

func TestCardCacheKeepsTheNewest(t *testing.T) {
	c := newCardCache(2)
	for i := int64(1); i <= 3; i++ {
		c.put(cardKey{taskID: "t", id: i}, views.CardView{ID: i})
	}
	if _, ok := c.get(cardKey{taskID: "t", id: 1}); ok {
		t.Error("the oldest card was kept past the bound")
	}
	for i := int64(2); i <= 3; i++ {
		if v, ok := c.get(cardKey{taskID: "t", id: i}); !ok || v.ID != i {
			t.Errorf("card %d: %+v, %v", i, v, ok)
		}
	}
	if _, ok := c.get(cardKey{taskID: "other", id: 3}); ok {
		t.Error("a card of another task was served")
	}
}
